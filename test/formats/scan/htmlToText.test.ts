import { htmlToText } from "../../../src/formats/scan/htmlToText";

describe("htmlToText", () => {
  it.each<[string | undefined, string | undefined]>([
    ["Upgrade.<P>Then restart.", "Upgrade.\nThen restart."],
    ["See <A HREF=\"https://example.com/kb\" TARGET=\"_blank\">the advisory</A>.", "See the advisory (https://example.com/kb)."],
    ["<a href='https://example.com/'>https://example.com/</a>", "https://example.com/"],
    ["&quot;3bee-4f12&quot; &amp; &lt;b&gt; &#39;x&#39; &#x41;", "\"3bee-4f12\" & <b> 'x' A"],
    ["  spaced   out \n\n\n\n next  ", "spaced out\n\nnext"],
    ["<B>bold</B>only", "bold only"],
    ["&unknown; stays", "&unknown; stays"],
    ["<P></P>", undefined],
    ["", undefined],
    [undefined, undefined],
  ])("reads %p", (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });
});
