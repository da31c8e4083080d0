import { inflateSync } from 'node:zlib';

/**
 * Just enough PDF reading to test the poster: its pages and media boxes, and the text it shows,
 * decoded through each embedded font's ToUnicode map (pdfkit writes Identity-H glyph ids).
 */
export interface PdfFacts {
  pageCount: number;
  mediaBoxes: number[][];
  text: string;
}

export function readPdf(pdf: Buffer): PdfFacts {
  const source = pdf.toString('latin1');
  const objects = parseObjects(source);
  const pages = [...objects.values()].filter((o) => /\/Type\s*\/Page\b/.test(o.dict));
  const fontCMaps = new Map<string, Map<number, string>>();
  for (const [, name, ref] of source.matchAll(/\/(F\d+)\s+(\d+)\s+0\s+R/g)) {
    const toUnicode = objects.get(Number(ref))?.dict.match(/\/ToUnicode\s+(\d+)\s+0\s+R/);
    const cmap = toUnicode ? objects.get(Number(toUnicode[1]))?.stream : undefined;
    if (cmap) fontCMaps.set(name!, parseCMap(cmap));
  }
  const text = pages
    .map((page) => {
      const contents = page.dict.match(/\/Contents\s+(\d+)\s+0\s+R/);
      const stream = contents ? objects.get(Number(contents[1]))?.stream : undefined;
      return stream ? showText(stream, fontCMaps) : '';
    })
    .join('\n');
  return {
    pageCount: pages.length,
    mediaBoxes: pages.map((page) => (page.dict.match(/\/MediaBox\s*\[([^\]]*)\]/)?.[1] ?? '').trim().split(/\s+/).map(Number)),
    text,
  };
}

interface PdfObject {
  dict: string;
  stream?: string;
}

function parseObjects(source: string): Map<number, PdfObject> {
  const objects = new Map<number, PdfObject>();
  for (const match of source.matchAll(/(\d+)\s+0\s+obj\b/g)) {
    const start = match.index! + match[0].length;
    const end = source.indexOf('endobj', start);
    const body = source.slice(start, end);
    const streamAt = body.search(/stream\r?\n/);
    if (streamAt < 0) {
      objects.set(Number(match[1]), { dict: body });
      continue;
    }
    const dict = body.slice(0, streamAt);
    const length = Number(dict.match(/\/Length\s+(\d+)/)?.[1] ?? 0);
    const dataStart = streamAt + body.slice(streamAt).indexOf('\n') + 1;
    const raw = Buffer.from(body.slice(dataStart, dataStart + length), 'latin1');
    const stream = /\/FlateDecode/.test(dict) ? inflateSync(raw).toString('latin1') : raw.toString('latin1');
    objects.set(Number(match[1]), { dict, stream });
  }
  return objects;
}

function utf16(hex: string): string {
  const codes: number[] = [];
  for (let i = 0; i + 4 <= hex.length; i += 4) codes.push(parseInt(hex.slice(i, i + 4), 16));
  return String.fromCharCode(...codes);
}

function parseCMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const [, block] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, from, to] of block!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(from!, 16), utf16(to!));
  }
  for (const [, block] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, from, to, target] of block!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const first = parseInt(from!, 16);
      const last = parseInt(to!, 16);
      if (target!.startsWith('[')) {
        [...target!.matchAll(/<([0-9a-fA-F]+)>/g)].forEach(([, hex], i) => map.set(first + i, utf16(hex!)));
      } else {
        const base = parseInt(target!.slice(1, -1), 16);
        for (let code = first; code <= last; code += 1) map.set(code, String.fromCharCode(base + code - first));
      }
    }
  }
  return map;
}

/** The text shown by Tj and TJ operators, one line per text object (BT ... ET). */
function showText(content: string, fonts: Map<string, Map<number, string>>): string {
  const lines: string[] = [];
  let font: Map<number, string> | undefined;
  let line = '';
  const decode = (hex: string) => {
    let out = '';
    for (let i = 0; i + 4 <= hex.length; i += 4) out += font?.get(parseInt(hex.slice(i, i + 4), 16)) ?? '';
    return out;
  };
  for (const [token, fontName, tjArray, tjString] of content.matchAll(/\/(F\d+)\s+[\d.]+\s+Tf|\[((?:[^\]])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|\bET\b/g)) {
    if (fontName) font = fonts.get(fontName);
    else if (tjArray !== undefined) line += [...tjArray.matchAll(/<([0-9a-fA-F]*)>/g)].map(([, hex]) => decode(hex!)).join('');
    else if (tjString !== undefined) line += decode(tjString);
    else if (token === 'ET') {
      lines.push(line);
      line = '';
    }
  }
  return lines.join('\n');
}
