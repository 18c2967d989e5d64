import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { readFileSync } from "node:fs";
import { poamModel, renderPane } from "../support/paneHarness";
import { sharedFile } from "../support/shared";

jest.setTimeout(30_000);

const corpusFile = (path: string) => new File([readFileSync(sharedFile("corpus", path))], path.split("/").pop() as string);

async function openImport(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole("tab", { name: "Import" }));
  return screen.findByRole("heading", { name: "Import scan" });
}

describe("Import scan", () => {
  it("reads a file, previews the import and imports it", async () => {
    const user = userEvent.setup();
    const model = await poamModel();
    renderPane(model, { who: "Lee Chen" });
    await openImport(user);
    await user.upload(screen.getByLabelText("Scan export file"), corpusFile("nessus/dd_nessus-template.csv"));

    expect(await screen.findByText("dd_nessus-template.csv: Nessus CSV")).toBeInTheDocument();
    const facts = await screen.findByLabelText("What the import would do");
    expect(within(facts).getByText("New items").nextSibling).toHaveTextContent("5");
    expect(within(facts).getByText("New items by priority").nextSibling).toHaveTextContent("Critical 1, High 1, Medium 3");

    await user.click(screen.getByRole("button", { name: "Import 5 new items" }));
    expect(await screen.findByText("Imported 5 new items")).toBeInTheDocument();
    expect(screen.getByText(/POAM-\d{4}-0001 to POAM-\d{4}-0005\./)).toBeInTheDocument();
    expect(model.table("Poam").rows().map((r) => r["Source Ref"])).toContain("Tenable plugin 42873; CVE-2016-2183");
  });

  it("changes the preview with the threshold", async () => {
    const user = userEvent.setup();
    renderPane(await poamModel(), { who: "Lee Chen" });
    await openImport(user);
    await user.upload(screen.getByLabelText("Scan export file"), corpusFile("nessus/dd_nessus_many_vuln2-default.csv"));
    const facts = await screen.findByLabelText("What the import would do");
    expect(within(facts).getByText("Below the threshold (left out)").nextSibling).toHaveTextContent("28");
    await user.click(screen.getByRole("combobox", { name: "Import findings of at least" }));
    await user.click(screen.getByRole("option", { name: "Info" }));
    // 29 findings on 25 plugins: all of them items once informational findings count.
    await screen.findByText("Import 25 new items");
    expect(within(screen.getByLabelText("What the import would do")).getByText("Below the threshold (left out)").nextSibling).toHaveTextContent("0");
  });

  it("explains a file that is not a scan export, and writes nothing", async () => {
    const user = userEvent.setup();
    const model = await poamModel();
    const before = model.cellMap();
    renderPane(model, { who: "Lee Chen" });
    await openImport(user);
    await user.upload(screen.getByLabelText("Scan export file"), new File(["Name,Email\nDana,d@example.com\n"], "contacts.csv"));
    expect(await screen.findByText(/The file's columns are not those of a scan export/)).toBeInTheDocument();
    expect(model.cellMap()).toEqual(before);
  });

  it("reports closed items the scan finds again and reopens them when asked", async () => {
    const user = userEvent.setup();
    const model = await poamModel();
    renderPane(model, { who: "Lee Chen" });
    await openImport(user);
    await user.upload(screen.getByLabelText("Scan export file"), corpusFile("openvas/dd_openvas_many_vuln.csv"));
    await user.click(await screen.findByRole("button", { name: "Import 4 new items" }));
    await screen.findByText("Imported 4 new items");
    const poam = model.table("Poam");
    poam.sheet.cell(1, poam.headers().indexOf("Status")).value = "Closed";

    await user.click(screen.getByRole("button", { name: "Import another file" }));
    await user.upload(screen.getByLabelText("Scan export file"), corpusFile("openvas/dd_openvas_many_vuln.csv"));
    expect(await screen.findByText(/Found again: POAM-\d{4}-0001/)).toBeInTheDocument();
    await user.click(screen.getByRole("checkbox", { name: "Reopen the closed items found again" }));
    await user.click(await screen.findByRole("button", { name: "Update tracked items" }));
    expect(await screen.findByText(/Reopened 1 item\./)).toBeInTheDocument();
    expect(poam.rows()[0].Status).toBe("Open");
  });
});
