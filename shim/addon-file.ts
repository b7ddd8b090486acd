// Checks a native addon file before the dynamic loader maps it. A truncated copy (an interrupted
// install or copy) maps fine and then kills the process with SIGBUS when a page past the end of the
// file is touched, which no try/catch can turn into a fallback. The headers say how long the file
// must be: only they are read (a few KB), because this runs at every start-up.
import fs from "node:fs";

export type LibraryFormat = "ELF" | "Mach-O" | "PE";

/** The format the dynamic loader of each platform reads; every other platform is ELF. */
const PLATFORM_FORMATS: Partial<Record<NodeJS.Platform, LibraryFormat>> = { darwin: "Mach-O", win32: "PE" };

/** What the headers say: the format, and the end of the last byte they place in the file. */
interface Extent {
  format: LibraryFormat;
  end: number;
}

/** Reads what the headers need, at any offset, without reading the rest of the file. */
class HeaderReader {
  constructor(private readonly fd: number, readonly size: number) {}

  /** `length` bytes at `offset`, or undefined when the file ends first. */
  at(offset: number, length: number): Buffer | undefined {
    if (offset < 0 || offset + length > this.size) return undefined;
    const buffer = Buffer.alloc(length);
    const read = fs.readSync(this.fd, buffer, 0, length, offset);
    return read === length ? buffer : undefined;
  }
}

/** Thrown inside the checks: why the file is not a loadable library. */
class NotLoadable extends Error {}

/** A truncation: the headers place data up to `end`, past the file's size. */
class Truncated extends Error {
  constructor(readonly format: LibraryFormat, readonly end: number) {
    super(`truncated ${format}`);
  }
}

function need(reader: HeaderReader, format: LibraryFormat, offset: number, length: number): Buffer {
  const bytes = reader.at(offset, length);
  if (bytes === undefined) throw new Truncated(format, offset + length);
  return bytes;
}

/** Checks the ELF header, program headers (what dlopen maps) and section header table. */
function checkElf(reader: HeaderReader): Extent {
  const ident = need(reader, "ELF", 0, 16);
  const wide = ident[4] === 2;
  if (ident[4] !== 1 && !wide) throw new NotLoadable(`an ELF file of unknown class ${ident[4]}`);
  if (ident[5] !== 1 && ident[5] !== 2) throw new NotLoadable(`an ELF file of unknown byte order ${ident[5]}`);
  const little = ident[5] === 1;
  const header = need(reader, "ELF", 0, wide ? 64 : 52);
  const u16 = (b: Buffer, at: number) => (little ? b.readUInt16LE(at) : b.readUInt16BE(at));
  const u32 = (b: Buffer, at: number) => (little ? b.readUInt32LE(at) : b.readUInt32BE(at));
  const word = (b: Buffer, at: number) =>
    wide ? Number(little ? b.readBigUInt64LE(at) : b.readBigUInt64BE(at)) : u32(b, at);
  const type = u16(header, 16);
  if (type !== 3) throw new NotLoadable(`an ELF ${type === 2 ? "executable" : type === 1 ? "object file" : `file of type ${type}`}, not a shared library`);
  const [phoff, shoff] = wide ? [word(header, 32), word(header, 40)] : [word(header, 28), word(header, 32)];
  const base = wide ? 54 : 42;
  const [phentsize, phnum, shentsize, shnum] = [u16(header, base), u16(header, base + 2), u16(header, base + 4), u16(header, base + 6)];
  let end = header.length;
  if (shoff !== 0 && shnum !== 0) end = Math.max(end, shoff + shnum * shentsize);
  if (phnum !== 0) {
    const table = need(reader, "ELF", phoff, phnum * phentsize);
    end = Math.max(end, phoff + table.length);
    for (let i = 0; i < phnum; i++) {
      const at = i * phentsize;
      // Elf64_Phdr: p_offset at 8, p_filesz at 32; Elf32_Phdr: p_offset at 4, p_filesz at 16.
      const [offset, filesz] = wide ? [word(table, at + 8), word(table, at + 32)] : [word(table, at + 4), word(table, at + 16)];
      if (filesz !== 0) end = Math.max(end, offset + filesz);
    }
  }
  return { format: "ELF", end };
}

const MH_MAGIC = 0xfeedface;
const MH_MAGIC_64 = 0xfeedfacf;
const FAT_MAGIC = 0xcafebabe;
const FAT_MAGIC_64 = 0xcafebabf;

/** Checks a Mach-O image at `start`: its load commands and every segment's file range. */
function checkMachO(reader: HeaderReader, start: number): number {
  const magicBytes = need(reader, "Mach-O", start, 4);
  const magicLE = magicBytes.readUInt32LE(0);
  const little = magicLE === MH_MAGIC || magicLE === MH_MAGIC_64;
  const magic = little ? magicLE : magicBytes.readUInt32BE(0);
  const wide = magic === MH_MAGIC_64;
  const headerSize = wide ? 32 : 28;
  const header = need(reader, "Mach-O", start, headerSize);
  const u32 = (b: Buffer, at: number) => (little ? b.readUInt32LE(at) : b.readUInt32BE(at));
  const u64 = (b: Buffer, at: number) => Number(little ? b.readBigUInt64LE(at) : b.readBigUInt64BE(at));
  const [ncmds, sizeofcmds] = [u32(header, 16), u32(header, 20)];
  const commands = need(reader, "Mach-O", start + headerSize, sizeofcmds);
  let end = start + headerSize + sizeofcmds;
  for (let i = 0, at = 0; i < ncmds; i++) {
    if (at + 8 > commands.length) throw new NotLoadable("a Mach-O file whose load commands overrun their size");
    const [cmd, cmdsize] = [u32(commands, at), u32(commands, at + 4)];
    if (cmdsize < 8 || at + cmdsize > commands.length) throw new NotLoadable("a Mach-O file whose load commands overrun their size");
    // LC_SEGMENT: fileoff at 32, filesize at 36; LC_SEGMENT_64: fileoff at 40, filesize at 48.
    if (cmd === 0x1 && cmdsize >= 56) end = Math.max(end, start + u32(commands, at + 32) + u32(commands, at + 36));
    if (cmd === 0x19 && cmdsize >= 72) end = Math.max(end, start + u64(commands, at + 40) + u64(commands, at + 48));
    at += cmdsize;
  }
  return end;
}

/** Checks a universal (fat) Mach-O: every slice's range, and each slice itself. */
function checkFat(reader: HeaderReader, wide: boolean): Extent {
  const count = need(reader, "Mach-O", 4, 4).readUInt32BE(0);
  const entrySize = wide ? 32 : 20;
  const table = need(reader, "Mach-O", 8, count * entrySize);
  let end = 8 + table.length;
  for (let i = 0; i < count; i++) {
    const at = i * entrySize;
    const [offset, size] = wide
      ? [Number(table.readBigUInt64BE(at + 8)), Number(table.readBigUInt64BE(at + 16))]
      : [table.readUInt32BE(at + 8), table.readUInt32BE(at + 12)];
    if (offset + size > reader.size) throw new Truncated("Mach-O", offset + size);
    end = Math.max(end, offset + size, checkMachO(reader, offset));
  }
  return { format: "Mach-O", end };
}

/** Checks a PE image: the COFF header, the section table and every section's raw data. */
function checkPe(reader: HeaderReader): Extent {
  const dos = need(reader, "PE", 0, 64);
  const peOffset = dos.readUInt32LE(0x3c);
  const coff = need(reader, "PE", peOffset, 24);
  if (coff.readUInt32BE(0) !== 0x50450000) throw new NotLoadable("a DOS executable without a PE header");
  const sections = coff.readUInt16LE(6);
  const tableStart = peOffset + 24 + coff.readUInt16LE(20);
  const table = need(reader, "PE", tableStart, sections * 40);
  let end = tableStart + table.length;
  for (let i = 0; i < sections; i++) {
    // IMAGE_SECTION_HEADER: SizeOfRawData at 16, PointerToRawData at 20.
    const [rawSize, rawPointer] = [table.readUInt32LE(i * 40 + 16), table.readUInt32LE(i * 40 + 20)];
    if (rawSize !== 0) end = Math.max(end, rawPointer + rawSize);
  }
  return { format: "PE", end };
}

function checkHeaders(reader: HeaderReader): Extent {
  const magic = reader.at(0, Math.min(4, reader.size));
  if (magic === undefined || magic.length < 4) throw new NotLoadable(`a file of ${reader.size} bytes, too short for a shared library`);
  if (magic[0] === 0x7f && magic.toString("latin1", 1, 4) === "ELF") return checkElf(reader);
  const big = magic.readUInt32BE(0);
  const little = magic.readUInt32LE(0);
  if ([MH_MAGIC, MH_MAGIC_64].includes(big) || [MH_MAGIC, MH_MAGIC_64].includes(little)) {
    return { format: "Mach-O", end: checkMachO(reader, 0) };
  }
  // Java class files share the fat magic; their next word (a version) is far above any slice count.
  if ((big === FAT_MAGIC || big === FAT_MAGIC_64) && (reader.at(4, 4)?.readUInt32BE(0) ?? 0) < 64) {
    return checkFat(reader, big === FAT_MAGIC_64);
  }
  if (magic[0] === 0x4d && magic[1] === 0x5a) return checkPe(reader);
  throw new NotLoadable("not a shared library (no ELF, Mach-O or PE header)");
}

/**
 * Why `file` cannot be a native addon for `platform`, judged from its headers and size alone, or
 * undefined when it may be loaded. A file that cannot be opened is left to the loader to report.
 */
export function addonFileProblem(file: string, platform: NodeJS.Platform = process.platform): string | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, "r");
  } catch {
    return undefined;
  }
  try {
    const reader = new HeaderReader(fd, fs.fstatSync(fd).size);
    const { format, end } = checkHeaders(reader);
    if (end > reader.size) throw new Truncated(format, end);
    const expected = PLATFORM_FORMATS[platform] ?? "ELF";
    if (format !== expected) return `not a Node addon for ${platform}: a ${format} library (${platform} loads ${expected})`;
    return undefined;
  } catch (error) {
    if (error instanceof Truncated) {
      const size = fs.fstatSync(fd).size;
      return `the file is truncated: ${size} bytes, but its ${error.format} headers place data up to byte ${error.end} (an interrupted copy or install?); reinstall langgraph-native`;
    }
    if (error instanceof NotLoadable) return `not a Node addon: ${error.message}`;
    return `cannot read the file's headers: ${(error as Error).message}`;
  } finally {
    fs.closeSync(fd);
  }
}
