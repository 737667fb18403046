#!/usr/bin/env node
// Jixiao 绩效: the offline audit check with Node alone (Node 20.12 or later, no packages).
//
// An audit office keeps the signed checkpoints and the exports it was given. This file
// checks them without the Jixiao code, a database or a running api:
//   - each checkpoint's Ed25519 signature, and that its key is trusted: the smallest
//     checkpoint's key (or --trusted-key <id>), or a key announced by `next-key` in a
//     checkpoint signed under a trusted key (rotation); co-signatures of audit offices;
//   - every exported event: its stream hash chain, its Merkle leaf, and the RFC 6962 root
//     at each checkpoint's size (which is the inclusion of every exported event);
//   - consistency proofs (RFC 9162 §2.1.4.2) between two checkpoints;
//   - with --against, the first position where today's export differs from the saved one.
//
//   node tools/audit-check.mjs --checkpoint saved.json [--checkpoint later.json]
//        [--export saved.ndjson] [--against today.ndjson] [--consistency proof.json]
//        [--trusted-key <keyId>]
//
// Exit code 0: everything checked passed; 1: a check failed; 2: wrong usage or unreadable input.
// The formats are written out in README.md ("Audit: the Merkle log"); this file is their
// second, independent implementation, and the test suite runs both on the same files.

import { createHash, createPublicKey, hash as oneShot, verify } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const usage = 'usage: node tools/audit-check.mjs --checkpoint <file> [...] [--export <file>] [--against <file>] [--consistency <file>] [--trusted-key <id>]';

function parseArgs(argv) {
  const options = { checkpoint: [], consistency: [] };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--checkpoint') options.checkpoint.push(value);
    else if (flag === '--consistency') options.consistency.push(value);
    else if (flag === '--export') options.export = value;
    else if (flag === '--against') options.against = value;
    else if (flag === '--trusted-key') options.trustedKey = value;
    else throw new Error(`unknown option ${flag}`);
  }
  if (options.checkpoint.length === 0) throw new Error('give at least one --checkpoint');
  return options;
}

// RFC 8785 (JCS) for JSON as parsed: keys sorted by UTF-16 code units, ECMAScript forms.
function canonical(value) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
}

// RFC 6962 hashing: leaf = H(0x00 || data), node = H(0x01 || left || right), empty = H().
function hasher(algorithm) {
  if (algorithm !== 'sha256' && algorithm !== 'sm3') throw new Error(`unknown hash algorithm ${algorithm}`);
  return {
    empty: () => createHash(algorithm).digest(),
    leaf: (data) => oneShot(algorithm, Buffer.concat([Buffer.from([0]), data]), 'buffer'),
    node: (l, r) => oneShot(algorithm, Buffer.concat([Buffer.from([1]), l, r]), 'buffer'),
  };
}

function checkpointText(c) {
  const lines = ['jixiao-checkpoint/v1', `origin ${c.origin}`, `hash ${c.hashAlgorithm}`, `size ${c.treeSize}`, `root ${c.rootHash}`, `issued ${c.issuedAt}`];
  if (c.nextKey) lines.push(`next-key ${c.nextKey.algorithm} ${c.nextKey.publicKey}`);
  return lines.join('\n') + '\n';
}

const keyIdOf = (algorithm, publicKey) => createHash('sha256').update(`${algorithm}:${publicKey}`).digest('hex').slice(0, 16);

function verifySignature(key, text, signature) {
  try {
    if (key.algorithm !== 'ed25519' || !/^[0-9a-f]{64}$/.test(key.publicKey) || keyIdOf(key.algorithm, key.publicKey) !== key.keyId) return false;
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(key.publicKey, 'hex').toString('base64url') }, format: 'jwk' });
    const sig = Buffer.from(signature, 'base64');
    return sig.length === 64 && verify(null, Buffer.from(text, 'utf8'), publicKey, sig);
  } catch {
    return false;
  }
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function readCheckpoints(file) {
  const value = readJson(file);
  const list = Array.isArray(value?.checkpoints) ? value.checkpoints : [value];
  for (const c of list) {
    if (c?.format !== 'jixiao-checkpoint/v1' || !Number.isSafeInteger(c.treeSize) || !/^[0-9a-f]{64}$/.test(c.rootHash ?? '')) {
      throw new Error(`${file}: not a jixiao-checkpoint/v1`);
    }
  }
  return list;
}

// RFC 9162 §2.1.4.2.
function verifyConsistency(h, from, to, path, fromRoot, toRoot) {
  const same = (a, b) => Buffer.compare(a, b) === 0;
  if (from < 0 || from > to) return false;
  if (from === 0) return path.length === 0 && same(fromRoot, h.empty());
  if (from === to) return path.length === 0 && same(fromRoot, toRoot);
  if (path.length === 0) return false;
  const nodes = (from & (from - 1)) === 0 ? [fromRoot, ...path] : [...path];
  let fn = from - 1;
  let sn = to - 1;
  while (fn % 2 === 1) [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
  let fr = nodes[0];
  let sr = nodes[0];
  for (const c of nodes.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = h.node(c, fr);
      sr = h.node(c, sr);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
    } else sr = h.node(sr, c);
    [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
  }
  return sn === 0 && same(fr, fromRoot) && same(sr, toRoot);
}

// The compact frontier: one hash per set bit of the size; the root folds it from the smallest.
function frontier(h) {
  const levels = [];
  let size = 0;
  return {
    get size() {
      return size;
    },
    append(leaf) {
      let node = leaf;
      let level = 0;
      for (let i = size; i % 2 === 1; i = (i - 1) / 2) {
        node = h.node(levels[level], node);
        levels[level] = undefined;
        level++;
      }
      levels[level] = node;
      size++;
    },
    root() {
      let acc;
      for (const node of levels) if (node) acc = acc ? h.node(node, acc) : node;
      return acc ?? h.empty();
    },
  };
}

const lines = (file) => createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });

function leafOf(h, e) {
  const { id, stream, revision, position, type, schemaVersion, data, metadata, recordedAt, hash } = e;
  return h.leaf(Buffer.from(canonical({ id, stream, revision, position, type, schemaVersion, data, metadata, recordedAt, hash }), 'utf8'));
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const checkpoints = options.checkpoint.flatMap(readCheckpoints).sort((a, b) => a.treeSize - b.treeSize);
  const problems = [];
  const fail = (text) => {
    problems.push(text);
    console.log(`FAIL ${text}`);
  };

  const trusted = new Set([options.trustedKey ?? checkpoints[0].key.keyId]);
  for (const c of checkpoints) {
    const what = `checkpoint ${c.treeSize} (key ${c.key.keyId})`;
    const valid = verifySignature(c.key, checkpointText(c), c.signature);
    const keyTrusted = trusted.has(c.key.keyId);
    if (valid && keyTrusted && c.nextKey) trusted.add(c.nextKey.keyId);
    const cosigned = [];
    for (const co of c.cosignatures ?? []) {
      const text = `jixiao-cosignature/v1\nwitness ${co.witness}\nsigned ${co.signedAt}\n${checkpointText(c)}`;
      if (verifySignature(co.key, text, co.signature)) cosigned.push(co.witness);
      else fail(`${what}: co-signature by ${co.witness} does not verify`);
    }
    if (!valid) fail(`${what}: signature does not verify`);
    else if (!keyTrusted) fail(`${what}: signed by a key no trusted checkpoint announced`);
    else console.log(`ok   ${what}: signature valid${cosigned.length ? `, co-signed by ${cosigned.join(', ')}` : ''}`);
  }

  for (const file of options.consistency) {
    const proof = readJson(file);
    const from = checkpoints.find((c) => c.treeSize === proof.from);
    const to = checkpoints.find((c) => c.treeSize === proof.to);
    if (!from || !to) {
      fail(`${file}: no checkpoint of size ${proof.from} and of size ${proof.to} among those given`);
      continue;
    }
    const path = Array.isArray(proof.path) && proof.path.every((p) => /^[0-9a-f]{64}$/.test(p)) ? proof.path.map((p) => Buffer.from(p, 'hex')) : undefined;
    const ok = path && from.hashAlgorithm === to.hashAlgorithm &&
      verifyConsistency(hasher(to.hashAlgorithm), from.treeSize, to.treeSize, path, Buffer.from(from.rootHash, 'hex'), Buffer.from(to.rootHash, 'hex'));
    if (ok) console.log(`ok   checkpoint ${to.treeSize} extends checkpoint ${from.treeSize} (consistency proof)`);
    else fail(`checkpoint ${to.treeSize} does NOT extend checkpoint ${from.treeSize}: the consistency proof fails, the log before ${from.treeSize} was rewritten`);
  }

  if (options.export) {
    const h = hasher(checkpoints[0].hashAlgorithm);
    const tree = frontier(h);
    const heads = new Map();
    const due = new Map(checkpoints.map((c) => [c.treeSize, c]));
    const settle = () => {
      const c = due.get(tree.size);
      if (!c) return;
      due.delete(tree.size);
      const root = tree.root().toString('hex');
      if (root === c.rootHash) console.log(`ok   every exported event up to ${c.treeSize} is in checkpoint ${c.treeSize} (root recomputed)`);
      else fail(`checkpoint ${c.treeSize}: the export's root ${root.slice(0, 16)}… is not the signed ${c.rootHash.slice(0, 16)}…`);
    };
    settle();
    for await (const line of lines(options.export)) {
      if (!line) continue;
      const e = JSON.parse(line);
      const head = heads.get(e.stream);
      const expected = head ? head.revision + 1 : 0;
      const { id, stream, revision, type, schemaVersion, data, metadata, recordedAt } = e;
      const chain = createHash('sha256').update(head?.hash ?? '0'.repeat(64)).update('\n')
        .update(canonical({ id, stream, revision, type, schemaVersion, data, metadata, recordedAt })).digest('hex');
      if (e.revision !== expected || chain !== e.hash) {
        fail(`export at leaf ${tree.size} (position ${e.position}): stream ${e.stream} revision ${e.revision}: ${e.revision !== expected ? 'out of order' : 'hash does not match the event and its predecessor'}`);
        break;
      }
      heads.set(e.stream, { revision: e.revision, hash: e.hash });
      tree.append(leafOf(h, e));
      settle();
    }
    console.log(`     export: ${tree.size} events, ${checkpoints[0].hashAlgorithm} leaves`);
    for (const c of due.values()) console.log(`     checkpoint ${c.treeSize} is beyond the export (${tree.size} events): not checked against it`);

    if (options.against) {
      const vouched = Math.max(...checkpoints.map((c) => c.treeSize));
      const saved = lines(options.export)[Symbol.asyncIterator]();
      const today = lines(options.against)[Symbol.asyncIterator]();
      for (let leaf = 0; leaf < vouched; leaf++) {
        const [a, b] = [await saved.next(), await today.next()];
        if (a.done) break;
        const before = JSON.parse(a.value);
        if (b.done || !leafOf(h, before).equals(leafOf(h, JSON.parse(b.value)))) {
          fail(`first differing position ${before.position} (leaf ${leaf}): ${b.done ? 'the current log ends before it' : 'it differs from the saved export'}`);
          break;
        }
      }
    }
  }

  console.log(problems.length === 0 ? 'audit check passed' : `audit check FAILED (${problems.length} problem(s))`);
  return problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`error: ${error.message}\n${usage}`);
    process.exit(2);
  },
);
