import { unzlibSync } from "fflate";

/**
 * The text a PDF shows, best effort, so that the emulator's default responder can answer an
 * extraction from a PDF the way a model reading it would: the strings of the text operators
 * (`Tj`, `TJ`, `'`, `"`) in every content stream, plain or FlateDecode, one line per text line.
 * Fonts with their own encodings (CID fonts, subsets without a ToUnicode map) give no readable
 * text here; a real PDF reader would be needed for those, and the emulator only needs the
 * simple ones its users write in tests. One pass over the bytes, and over each stream.
 */
export function pdfText(base64: string): string {
  let binary: string;
  try {
    binary = atob(base64);
  } catch {
    return "";
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const latin1 = new TextDecoder("latin1");
  const whole = binary; // atob gives one character per byte: the latin1 reading
  const lines: string[] = [];
  let from = 0;
  for (;;) {
    const start = whole.indexOf("stream", from);
    if (start === -1) break;
    // "endstream" contains "stream": skip it, and anything not followed by an end of line.
    if (whole.startsWith("end", start - 3)) {
      from = start + 6;
      continue;
    }
    let dataStart = start + 6;
    if (whole[dataStart] === "\r") dataStart++;
    if (whole[dataStart] !== "\n") {
      from = dataStart;
      continue;
    }
    dataStart++;
    const end = whole.indexOf("endstream", dataStart);
    if (end === -1) break;
    const dict = whole.slice(Math.max(0, whole.lastIndexOf("<<", start)), start);
    let data = bytes.subarray(dataStart, end);
    if (/\/FlateDecode/.test(dict)) {
      try {
        data = unzlibSync(data);
      } catch {
        data = new Uint8Array();
      }
    } else if (/\/Filter/.test(dict)) {
      data = new Uint8Array(); // other filters (images, fonts) hold no text operators
    }
    textOperators(latin1.decode(data), lines);
    from = end + 9;
  }
  return lines.join("\n").trim();
}

/** Appends the text of one content stream's text operators to `lines`. */
function textOperators(content: string, lines: string[]): void {
  let line = "";
  const strings: string[] = [];
  const flush = () => {
    if (line !== "") lines.push(line);
    line = "";
  };
  let i = 0;
  while (i < content.length) {
    const c = content[i]!;
    if (c === "(") {
      const [text, next] = literalString(content, i + 1);
      strings.push(text);
      i = next;
    } else if (c === "<" && content[i + 1] !== "<") {
      const close = content.indexOf(">", i);
      const hex = content.slice(i + 1, close === -1 ? content.length : close).replace(/\s/g, "");
      let text = "";
      for (let h = 0; h + 1 < hex.length; h += 2) {
        text += String.fromCharCode(Number.parseInt(hex.slice(h, h + 2), 16));
      }
      strings.push(text);
      i = close === -1 ? content.length : close + 1;
    } else if (isLetter(content.charCodeAt(i)) || c === "'" || c === '"') {
      let j = i + 1;
      while (j < content.length && isLetter(content.charCodeAt(j))) j++;
      const op = content.slice(i, j);
      if (op === "Tj" || op === "TJ") line += strings.join("");
      else if (op === "'" || op === '"') {
        flush();
        line += strings.join("");
      } else if (op === "T*" || op === "Td" || op === "TD" || op === "ET") flush();
      if (op !== "") strings.length = 0;
      i = j;
    } else {
      i++;
    }
  }
  flush();
}

/** A-Z, a-z or "*" (operators such as `T*`), by code: a regular expression per character costs. */
function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 42;
}

const ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f" };

/** A literal string from just after its "(" : its text and the index after its ")". */
function literalString(content: string, start: number): [string, number] {
  let depth = 1;
  let out = "";
  let i = start;
  while (i < content.length) {
    const c = content[i]!;
    if (c === "\\") {
      const n = content[i + 1] ?? "";
      if (/[0-7]/.test(n)) {
        const octal = /^[0-7]{1,3}/.exec(content.slice(i + 1, i + 4))![0];
        out += String.fromCharCode(Number.parseInt(octal, 8));
        i += 1 + octal.length;
        continue;
      }
      out += ESCAPES[n] ?? (n === "\n" || n === "\r" ? "" : n);
      i += 2;
      continue;
    }
    if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return [out, i + 1];
    // Plain characters up to the next one that matters are copied in one slice.
    let j = i + 1;
    while (j < content.length && !"\\()".includes(content[j]!)) j++;
    out += content.slice(i, j);
    i = j;
  }
  return [out, i];
}
