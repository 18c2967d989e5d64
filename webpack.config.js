/**
 * Builds the task pane. Production pages load Office.js from Microsoft's CDN,
 * as store policy requires; development pages load the copy in
 * @microsoft/office-js, served under /office-js/, since nothing here reaches
 * the CDN. Set POAM_PRODUCTION_URL (e.g. https://poam.example.com/) to have
 * the production build write dist/manifest.xml pointing there.
 */
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const DEV_URL = "https://localhost:3000/";
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const OFFICE_JS_LOCAL = path.dirname(require.resolve("@microsoft/office-js/dist/office.js"));

/** The production URL from the environment, with a trailing slash; undefined when not configured. */
function productionUrl() {
  const url = process.env.POAM_PRODUCTION_URL;
  if (!url) return undefined;
  if (!/^https:\/\/[^/]+/.test(url) || /localhost/i.test(url)) {
    throw new Error(`POAM_PRODUCTION_URL must be an https URL of the production host, not ${url}`);
  }
  return url.endsWith("/") ? url : `${url}/`;
}

async function httpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  const { ca, key, cert } = await devCerts.getHttpsServerOptions();
  return { ca, key, cert };
}

module.exports = async (env, options) => {
  const production = options.mode === "production";
  const prodUrl = production ? productionUrl() : undefined;
  const copies = [{ from: "assets/*.png", to: "assets/[name][ext]" }];
  if (!production) copies.push({ from: "manifest.xml", to: "manifest.xml" });
  if (prodUrl) {
    copies.push({
      from: "manifest.xml",
      to: "manifest.xml",
      transform: (content) => content.toString().replaceAll(DEV_URL, prodUrl),
    });
  }
  return {
    devtool: production ? "source-map" : "eval-cheap-module-source-map",
    entry: { taskpane: "./src/taskpane/index.tsx", commands: "./src/commands/commands.ts" },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].[contenthash:8].js",
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "esnext", sourceMap: true } } },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        officeJs: production ? OFFICE_JS_CDN : "office-js/office.js",
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
        officeJs: production ? OFFICE_JS_CDN : "office-js/office.js",
      }),
      new HtmlWebpackPlugin({ filename: "support.html", template: "./src/support.html", chunks: [] }),
      new CopyWebpackPlugin({ patterns: copies }),
      {
        apply(compiler) {
          compiler.hooks.done.tap("ManifestNotice", () => {
            if (production && !prodUrl) {
              console.log("Note: POAM_PRODUCTION_URL is not set, so the production build writes no dist/manifest.xml.");
            }
          });
        },
      },
    ],
    performance: { hints: false },
    devServer: {
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
      headers: { "Access-Control-Allow-Origin": "*" },
      static: [{ directory: OFFICE_JS_LOCAL, publicPath: "/office-js" }],
      server: env.WEBPACK_SERVE ? { type: "https", options: await httpsOptions() } : undefined,
    },
  };
};
