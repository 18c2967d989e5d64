import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { readFileSync } from "node:fs";
import { paneOn, poamModel, renderPane } from "../support/paneHarness";
import { sharedFile } from "../support/shared";

jest.setTimeout(30_000);

const corpusFile = (path: string) => new File([readFileSync(sharedFile("corpus", path))], path.split("/").pop() as string);

async function openImport(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole("tab", { name: "Import" }));
  return screen.findByRole("heading", { name: "Import scan" });
}

/** Chooses `file` on the Import page, imports it with the button named `action`, and waits for `done`. */
async function importFile(user: ReturnType<typeof userEvent.setup>, file: File, action: string, done: string) {
  await user.upload(screen.getByLabelText("Scan export file"), file);
  await user.click(await screen.findByRole("button", { name: action }));
  await screen.findByText(done);
}

describe("Import scan", () => {
  it("reads a file, previews the import and imports it", async () => {
    const model = await poamModel();
    const { user } = await paneOn(model, "Import", "Import scan", { who: "Lee Chen" });
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
    const { user } = await paneOn(await poamModel(), "Import", "Import scan", { who: "Lee Chen" });
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
    const model = await poamModel();
    const { user } = await paneOn(model, "Import", "Import scan", { who: "Lee Chen" });
    await importFile(user, corpusFile("openvas/dd_openvas_many_vuln.csv"), "Import 4 new items", "Imported 4 new items");
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

  it("imports several checklists as one, on requirement 3.4.2 unless another is chosen", async () => {
    const model = await poamModel();
    const { user } = await paneOn(model, "Import", "Import scan", { who: "Lee Chen" });
    await user.upload(screen.getByLabelText("Scan export file"), [
      corpusFile("stig-cklb/stigman_Asset_a-VPN_TRUNCATED-V2R5.cklb"),
      corpusFile("stig-cklb/stigman_GoodStatistics.cklb"),
      corpusFile("stig-cklb/stigman_RHEL_9_TRUNCATED-no-reviews.cklb"),
    ]);
    expect(await screen.findByText(/^stigman_Asset_a-VPN_TRUNCATED-V2R5\.cklb, stigman_GoodStatistics\.cklb, .*: STIG Viewer 3 checklist \(\.cklb\)$/)).toBeInTheDocument();
    const rules = await screen.findByLabelText("Rules in the checklists");
    expect(within(rules).getByText("Not reviewed").nextSibling).toHaveTextContent("16");
    expect(within(rules).getByText("Open (findings)").nextSibling).toHaveTextContent("4");
    expect(screen.getByText(/^16 rules not reviewed or in error: they make no items/)).toBeInTheDocument();
    const requirement = screen.getByRole("combobox", { name: "Requirement" });
    expect(requirement).toHaveValue("3.4.2");

    await user.clear(requirement);
    await user.type(requirement, "9.9.9");
    expect(await screen.findByText(/"9\.9\.9" is not a NIST SP 800-171 rev2 requirement/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Import 3 new items" })).toBeDisabled();
    await user.clear(requirement);
    await user.type(requirement, "3.4.1");

    await user.click(await screen.findByRole("button", { name: "Import 3 new items" }));
    expect(await screen.findByText("Imported 3 new items")).toBeInTheDocument();
    const rows = model.table("Poam").rows();
    expect(rows.map((r) => r.Requirement)).toEqual(["3.4.1", "3.4.1", "3.4.1"]);
    expect(rows.map((r) => r["Source Ref"])).toContain("STIG V-207185; VPN_TRUNCATED V2R5; Rule SV-207185r608988_rule; STIG ID SRG-NET-000041-VPN-000110; CCI-000048");
    expect(rows.map((r) => r.Assets)).toEqual(["Asset_aaaaaaaaaa", "Asset_aaaaaaaaaa", "Asset"]);
  });

  it("refuses files of different formats, and writes nothing", async () => {
    const user = userEvent.setup();
    const model = await poamModel();
    const before = model.cellMap();
    renderPane(model, { who: "Lee Chen" });
    await openImport(user);
    await user.upload(screen.getByLabelText("Scan export file"), [corpusFile("stig-ckl/stigman_html-decode.ckl"), corpusFile("nessus/dd_nessus-template.csv")]);
    expect(await screen.findByText(/^The files are of different formats/)).toBeInTheDocument();
    expect(model.cellMap()).toEqual(before);
  });

  it("says which tracked rules a later checklist passes, and closes nothing", async () => {
    const checklist = (status: string) =>
      new File(
        [`<CHECKLIST><ASSET><HOST_NAME>web01</HOST_NAME></ASSET><STIGS><iSTIG><VULN><STIG_DATA><VULN_ATTRIBUTE>Vuln_Num</VULN_ATTRIBUTE><ATTRIBUTE_DATA>V-1</ATTRIBUTE_DATA></STIG_DATA><STATUS>${status}</STATUS></VULN></iSTIG></STIGS></CHECKLIST>`],
        "web01.ckl",
      );
    const model = await poamModel();
    const { user } = await paneOn(model, "Import", "Import scan", { who: "Lee Chen" });
    await importFile(user, checklist("Open"), "Import 1 new item", "Imported 1 new item");

    await user.click(screen.getByRole("button", { name: "Import another file" }));
    await user.upload(screen.getByLabelText("Scan export file"), checklist("NotAFinding"));
    expect(await screen.findByText(/^Not a finding in these checklists, still open on the POA&M: POAM-\d{4}-0001\./)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Update tracked items" })).toBeDisabled();
    expect(model.table("Poam").rows()[0].Status).toBe("Open");
  });
});
