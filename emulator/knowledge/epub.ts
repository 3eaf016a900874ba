import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { DomUtils, parseDocument } from "htmlparser2";

/**
 * The XHTML documents of an EPUB in reading order. Zip order means nothing in an EPUB: the
 * order is the OPF package's spine, and the OPF is wherever META-INF/container.xml points.
 */
export function epubChapters(bytes: Uint8Array): string[] {
  const files = unzipSync(bytes);
  const read = (name: string): string => {
    const file = files[name];
    if (!file) throw new Error(`${name} is missing`);
    return strFromU8(file);
  };
  const container = parseXml(read("META-INF/container.xml"));
  const opfPath = first(container, "rootfile")?.attribs["full-path"];
  if (!opfPath) throw new Error("META-INF/container.xml names no rootfile");
  const opf = parseXml(read(opfPath));
  const hrefs = new Map(all(opf, "item").map((item) => [item.attribs.id, item.attribs.href]));
  const spine = all(opf, "itemref").map((ref) => ref.attribs.idref);
  if (spine.length === 0) throw new Error(`${opfPath} has an empty spine`);
  return spine.map((idref) => {
    const href = hrefs.get(idref);
    if (!href) throw new Error(`spine item ${idref} is not in the manifest`);
    // Manifest hrefs are URLs relative to the OPF, so they may be percent-encoded.
    return read(path.posix.join(path.posix.dirname(opfPath), decodeURIComponent(href)));
  });
}

const parseXml = (xml: string) => parseDocument(xml, { xmlMode: true });

// Some packages prefix the OPF/container namespace (`<opf:item>`), so match the local name.
const named = (local: string) => (el: { name: string }) => el.name === local || el.name.endsWith(`:${local}`);
const first = (doc: ReturnType<typeof parseXml>, local: string) => DomUtils.findOne(named(local), doc.children);
const all = (doc: ReturnType<typeof parseXml>, local: string) => DomUtils.findAll(named(local), doc.children);
