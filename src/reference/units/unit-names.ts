// Vietnamese has two spellings for tone marks on "oa", "oe", "uy": the old style puts the mark on
// the second vowel ("Hoà", "Thuỷ"), the modern style on the first ("Hòa", "Thủy"). Sources mix
// them, so names are matched on one canonical form.
const OLD_TO_NEW: Record<string, string> = {
  oà: "òa",
  oá: "óa",
  oả: "ỏa",
  oã: "õa",
  oạ: "ọa",
  oè: "òe",
  oé: "óe",
  oẻ: "ỏe",
  oẽ: "õe",
  oẹ: "ọe",
  uỳ: "ùy",
  uý: "úy",
  uỷ: "ủy",
  uỹ: "ũy",
  uỵ: "ụy",
};
const OLD_STYLE = new RegExp(`(${Object.keys(OLD_TO_NEW).join("|")})(?![a-zà-ỹ])`, "g");

/** Lower-case, NFC, tone marks in the modern position: "Xã Hoà Bình" → "xã hòa bình". */
export function canonicalUnitName(name: string): string {
  return name
    .normalize("NFC")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim()
    .replace(OLD_STYLE, (m) => OLD_TO_NEW[m] ?? m);
}
