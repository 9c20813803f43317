// Reads the entries of a .vsix (a ZIP archive) with Node's zlib, to list and check what a
// package contains without an unzip program.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

function findEndOfCentralDirectory(buffer) {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the end of the file.
  const earliest = Math.max(0, buffer.length - 22 - 0xffff);
  for (let offset = buffer.length - 22; offset >= earliest; offset--) {
    if (buffer.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  throw new Error('Not a ZIP archive: no end of central directory record.');
}

/**
 * Returns the entries of a ZIP archive: name, compressed and uncompressed size, method and
 * the offset of its local header.
 */
export function listEntries(buffer) {
  const end = findEndOfCentralDirectory(buffer);
  const count = buffer.readUInt16LE(end + 10);
  let offset = buffer.readUInt32LE(end + 16);
  const entries = [];
  for (let index = 0; index < count; index++) {
    if (buffer.readUInt32LE(offset) !== CENTRAL_DIRECTORY_HEADER) {
      throw new Error(`Corrupt ZIP archive: bad central directory header at ${offset}.`);
    }
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const size = buffer.readUInt32LE(offset + 24);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const localHeader = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.push({ name, method, compressedSize, size, localHeader });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function entryData(buffer, entry) {
  const header = entry.localHeader;
  if (buffer.readUInt32LE(header) !== LOCAL_FILE_HEADER) {
    throw new Error(`Corrupt ZIP archive: bad local header of ${entry.name}.`);
  }
  const start = header + 30 + buffer.readUInt16LE(header + 26) + buffer.readUInt16LE(header + 28);
  const data = buffer.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method === 8) return inflateRawSync(data);
  throw new Error(`${entry.name} uses ZIP compression method ${entry.method}, which is not read.`);
}

/** Extracts every file of the archive into `folder`. */
export function extractAll(archivePath, folder) {
  const buffer = readFileSync(archivePath);
  const root = resolve(folder);
  for (const entry of listEntries(buffer)) {
    if (entry.name.endsWith('/')) continue;
    const target = resolve(join(root, entry.name));
    if (!target.startsWith(root + sep)) {
      throw new Error(`${entry.name} would be written outside ${root}.`);
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, entryData(buffer, entry));
  }
}
