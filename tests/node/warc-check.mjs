// warc-check.mjs FILE.warc.gz - validates a WARC with warcio.js: every
// record must parse, carry the WARC 1.1 mandatory fields, and match its
// WARC-Block-Digest and WARC-Payload-Digest (SHA-1, base32).
// Prints one "type target-uri" line per record; exits 1 on any problem.
import { createReadStream } from "node:fs";
import { createHash } from "node:crypto";
import { WARCParser } from "warcio";

const ALPHA = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
function sha1b32(buf) {
  const d = createHash("sha1").update(buf).digest();
  let bits = 0, val = 0, out = "";
  for (const byte of d) {
    val = (val << 8) | byte; bits += 8;
    while (bits >= 5) { out += ALPHA[(val >>> (bits - 5)) & 31]; bits -= 5; }
  }
  return "sha1:" + out;
}

function indexOfCRLF2(buf) {
  for (let i = 0; i + 3 < buf.length; i++)
    if (buf[i] === 13 && buf[i + 1] === 10 && buf[i + 2] === 13 && buf[i + 3] === 10) return i + 4;
  return -1;
}

const file = process.argv[2];
let bad = 0, n = 0;
const problem = (rec, msg) => { bad++; console.error(`record ${n} (${rec.warcType}): ${msg}`); };
const parser = new WARCParser(createReadStream(file), { parseHttp: false });
for await (const rec of parser) {
  n++;
  const block = await rec.readFully(false);
  for (const h of ["WARC-Record-ID", "WARC-Date", "WARC-Type", "Content-Length"])
    if (!rec.warcHeader(h)) problem(rec, `missing ${h}`);
  if (rec.warcHeaders.protocol !== "WARC/1.1") problem(rec, `version ${rec.warcHeaders.protocol}`);
  if (Number(rec.warcHeader("Content-Length")) !== block.length) problem(rec, "Content-Length mismatch");
  const bd = rec.warcHeader("WARC-Block-Digest");
  if (!bd || bd !== sha1b32(block)) problem(rec, `block digest ${bd} != ${sha1b32(block)}`);
  const pd = rec.warcHeader("WARC-Payload-Digest");
  if (rec.warcType === "response") {
    const off = indexOfCRLF2(block);
    if (off < 0) problem(rec, "no end of HTTP headers");
    else if (pd !== sha1b32(block.subarray(off))) problem(rec, `payload digest ${pd} mismatch`);
    if (!rec.warcHeader("WARC-Concurrent-To")) problem(rec, "response without WARC-Concurrent-To");
  } else if (rec.warcType === "resource" && pd && pd !== sha1b32(block)) {
    problem(rec, "resource payload digest mismatch");
  }
  console.log(`${rec.warcType} ${rec.warcTargetURI || "-"}`);
}
if (n === 0) { console.error("no records"); bad++; }
process.exit(bad ? 1 : 0);
