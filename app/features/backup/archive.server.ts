import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, open, stat } from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGunzip, createGzip } from 'node:zlib'

/**
 * A backup archive is a gzipped POSIX tar (ustar) written and read here with Node alone, so that a
 * laptop needs no tar, zip or pg_dump binary. Entries are plain files; the manifest comes first.
 */

const BLOCK = 512
/** Names an archive may hold: the manifest, the database dump and uploaded files (no '..', no absolute paths). */
const ENTRY_NAME = /^(manifest\.json|database\.(sql|dump)|uploads\/[\w-]+(\/[\w-]+)*\/[\w.-]+)$/

export class ArchiveError extends Error {}

export interface ArchiveEntrySource {
  name: string
  /** A file on disk, or the bytes themselves (the manifest). */
  file?: string
  bytes?: Uint8Array
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0'
}

function header(name: string, size: number, mtime: number): Buffer {
  if (Buffer.byteLength(name) > 100) throw new ArchiveError(`entry name too long: ${name}`)
  const block = Buffer.alloc(BLOCK)
  block.write(name, 0, 100, 'utf8')
  block.write(octal(0o600, 8), 100, 'ascii')
  block.write(octal(0, 8), 108, 'ascii')
  block.write(octal(0, 8), 116, 'ascii')
  block.write(octal(size, 12), 124, 'ascii')
  block.write(octal(Math.floor(mtime / 1000), 12), 136, 'ascii')
  block.write('        ', 148, 'ascii')
  block.write('0', 156, 'ascii')
  block.write('ustar\0', 257, 'ascii')
  block.write('00', 263, 'ascii')
  let sum = 0
  for (const byte of block) sum += byte
  block.write(octal(sum, 7) + ' ', 148, 'ascii')
  return block
}

async function* tarStream(entries: ArchiveEntrySource[]): AsyncGenerator<Buffer> {
  const now = Date.now()
  for (const entry of entries) {
    if (!ENTRY_NAME.test(entry.name)) throw new ArchiveError(`unexpected entry name: ${entry.name}`)
    const size = entry.bytes ? entry.bytes.length : (await stat(entry.file!)).size
    yield header(entry.name, size, now)
    if (entry.bytes) yield Buffer.from(entry.bytes)
    else {
      let written = 0
      for await (const chunk of createReadStream(entry.file!)) {
        written += (chunk as Buffer).length
        yield chunk as Buffer
      }
      if (written !== size) throw new ArchiveError(`${entry.name} changed while it was archived`)
    }
    if (size % BLOCK) yield Buffer.alloc(BLOCK - (size % BLOCK))
  }
  yield Buffer.alloc(BLOCK * 2)
}

/** Writes the entries as a .tar.gz readable only by its owner (it holds personal data). */
export async function writeArchive(target: string, entries: ArchiveEntrySource[]): Promise<number> {
  const handle = await open(target, 'wx', 0o600)
  await pipeline(Readable.from(tarStream(entries)), createGzip({ level: 6 }), handle.createWriteStream())
  return (await stat(target)).size
}

export interface ExtractedEntry {
  name: string
  bytes: number
  sha256: string
}

/**
 * Reads an archive into `dir` (which must exist and be private), hashing every entry as it is written.
 * Returns the entries in archive order; a damaged gzip stream or tar block is an ArchiveError.
 */
export async function extractArchive(source: string, dir: string): Promise<ExtractedEntry[]> {
  const entries: ExtractedEntry[] = []
  let pending: Buffer = Buffer.alloc(0)
  let current: {
    name: string
    size: number
    left: number
    hash: ReturnType<typeof createHash>
    out: ReturnType<typeof createWriteStream>
  } | null = null
  let padding = 0
  let ended = false

  const finishEntry = async () => {
    const entry = current!
    current = null
    await new Promise<void>((resolve, reject) =>
      entry.out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    )
    entries.push({ name: entry.name, bytes: entry.size, sha256: entry.hash.digest('hex') })
  }

  const consume = async () => {
    for (;;) {
      if (ended) return
      if (current) {
        if (pending.length === 0) return
        const piece = pending.subarray(0, Math.min(current.left, pending.length))
        pending = pending.subarray(piece.length)
        current.left -= piece.length
        current.hash.update(piece)
        if (!current.out.write(piece)) await new Promise<void>((resolve) => current!.out.once('drain', () => resolve()))
        if (current.left === 0) {
          padding = current.size % BLOCK ? BLOCK - (current.size % BLOCK) : 0
          await finishEntry()
        }
        continue
      }
      if (padding > 0) {
        const skip = Math.min(padding, pending.length)
        pending = pending.subarray(skip)
        padding -= skip
        if (padding > 0) return
      }
      if (pending.length < BLOCK) return
      const block = pending.subarray(0, BLOCK)
      pending = pending.subarray(BLOCK)
      if (block.every((b) => b === 0)) {
        ended = true
        return
      }
      let sum = 0
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i]
      const declared = parseInt(block.subarray(148, 156).toString('ascii').replace(/\0.*$/, '').trim(), 8)
      if (sum !== declared) throw new ArchiveError('damaged tar header')
      const name = block.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '')
      const size = parseInt(block.subarray(124, 136).toString('ascii').replace(/\0.*$/, '').trim() || '0', 8)
      const type = String.fromCharCode(block[156] || 48)
      if (type !== '0' || !ENTRY_NAME.test(name) || !Number.isSafeInteger(size))
        throw new ArchiveError(`unexpected entry in archive: ${name}`)
      const target = path.join(dir, ...name.split('/'))
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 })
      current = { name, size, left: size, hash: createHash('sha256'), out: createWriteStream(target, { mode: 0o600 }) }
      if (size === 0) await finishEntry()
    }
  }

  try {
    for await (const chunk of createReadStream(source).pipe(createGunzip())) {
      pending = pending.length ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer)
      await consume()
    }
  } catch (error) {
    if (error instanceof ArchiveError) throw error
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'EACCES') throw error
    throw new ArchiveError(`the archive cannot be read (${error instanceof Error ? error.message : String(error)})`)
  }
  if (!ended || current) throw new ArchiveError('the archive ends too early')
  return entries
}

/** Reads just the first entry (the manifest) of an archive, without unpacking the rest. */
export async function readArchiveHead(source: string): Promise<string> {
  let pending = Buffer.alloc(0)
  const stream = createReadStream(source).pipe(createGunzip())
  try {
    for await (const chunk of stream) {
      pending = Buffer.concat([pending, chunk as Buffer])
      if (pending.length < BLOCK) continue
      const size = parseInt(pending.subarray(124, 136).toString('ascii').replace(/\0.*$/, '').trim() || '0', 8)
      if (pending.length >= BLOCK + size) return pending.subarray(BLOCK, BLOCK + size).toString('utf8')
    }
  } catch (error) {
    throw new ArchiveError(`the archive cannot be read (${error instanceof Error ? error.message : String(error)})`)
  } finally {
    stream.destroy()
  }
  throw new ArchiveError('the archive ends too early')
}

/** sha256 of a file on disk. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}
