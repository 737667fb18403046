import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CosignatureRefused, recordCosignature, recordedCheckpoints, type EventStore, type MerkleLog } from '@jixiao/event-store';
import { parseCheckpoint, parseCosignature } from '@jixiao/transparency';
import type { FastifyRequest } from 'fastify';
import { Allow } from '../auth/allow.decorator.js';
import { problem } from '../http/problem.js';
import { EVENT_STORE } from '../tokens.js';
import { Transparency } from './transparency.js';
import { ConsistencyQuery, CosignatureBody, InclusionQuery } from './transparency.dto.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const invalid = (field: string, detail: string) =>
  problem(400, 'validation', 'Invalid request', detail, { errors: [{ field, constraints: [detail] }] });

/**
 * The Merkle log for audit offices 审计机关 (RFC 6962/9162): signed checkpoints to
 * keep, and the proofs that an event is in the log and that a later log extends an
 * earlier one. Nothing here asks the auditor to trust the operator: every answer is
 * checked against a checkpoint the auditor already holds (`npm run cli -- audit check`).
 */
@ApiTags('8 audit 审计')
@ApiBearerAuth()
@Controller({ path: 'audit', version: '1' })
export class TransparencyRoutes {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly transparency: Transparency,
  ) {}

  @Get('proofs/inclusion')
  @Allow('auditor')
  @ApiOperation({ summary: 'Inclusion proof (RFC 9162 §2.1.3) of leaf ?leafIndex in the tree of ?treeSize leaves' })
  async inclusion(@Query() query: InclusionQuery) {
    const log = this.log();
    const size = await log.size();
    if (query.treeSize > size) throw invalid('treeSize', `treeSize ${query.treeSize} is beyond the tree, which has ${size} leaves`);
    if (query.leafIndex >= query.treeSize) throw invalid('leafIndex', `leafIndex must be below treeSize ${query.treeSize}`);
    const proof = await log.inclusionProof(query.leafIndex, query.treeSize);
    return {
      hashAlgorithm: log.hashAlgorithm,
      leafIndex: proof.leafIndex,
      treeSize: proof.treeSize,
      position: (await log.positionOf(proof.leafIndex)) ?? null,
      leafHash: hex(await log.leafHash(proof.leafIndex)),
      rootHash: hex(await log.root(proof.treeSize)),
      path: proof.path.map(hex),
    };
  }

  @Get('proofs/consistency')
  @Allow('auditor')
  @ApiOperation({ summary: 'Consistency proof (RFC 9162 §2.1.4) that the tree of ?to leaves extends the tree of ?from leaves' })
  async consistency(@Query() query: ConsistencyQuery) {
    const log = this.log();
    const size = await log.size();
    if (query.to > size) throw invalid('to', `to ${query.to} is beyond the tree, which has ${size} leaves`);
    if (query.from > query.to) throw invalid('from', 'from must not exceed to');
    const proof = await log.consistencyProof(query.from, query.to);
    return {
      hashAlgorithm: log.hashAlgorithm,
      from: proof.from,
      to: proof.to,
      fromRoot: hex(await log.root(proof.from)),
      toRoot: hex(await log.root(proof.to)),
      path: proof.path.map(hex),
    };
  }

  @Get('checkpoints')
  @Allow('auditor')
  @ApiOperation({ summary: 'Every signed checkpoint, smallest tree first, with its co-signatures; and the current public key' })
  async checkpoints() {
    const recorded = await recordedCheckpoints(this.store);
    return {
      publicKey: this.transparency.publicKey(),
      treeSize: this.transparency.log ? await this.transparency.log.size() : null,
      checkpoints: recorded.map((r) => ({ ...r.checkpoint, recordedAtPosition: r.recordedAtPosition })),
    };
  }

  @Get('public-key')
  @Allow('auditor')
  @ApiOperation({ summary: 'The installation\'s current checkpoint signing key (algorithm, hex public key, key id)' })
  publicKey() {
    return this.transparency.publicKey();
  }

  @Post('checkpoints')
  @Allow('auditor', 'admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'Sign and record a checkpoint of the tree as it stands now (on demand)' })
  async checkpointNow(@Req() request: FastifyRequest) {
    this.log();
    const { checkpoint, recordedAtPosition } = await this.transparency.checkpointNow(`${request.principal!.role}:${request.principal!.id}`);
    return { ...checkpoint, recordedAtPosition };
  }

  @Post('cosignatures')
  @Allow('auditor')
  @HttpCode(201)
  @ApiOperation({ summary: 'Store an audit office\'s co-signature of a checkpoint; it must verify, or nothing is stored (422)' })
  async cosign(@Body() body: CosignatureBody, @Req() request: FastifyRequest) {
    let checkpoint;
    let cosignature;
    try {
      checkpoint = parseCheckpoint(body.checkpoint);
    } catch (error) {
      throw invalid('checkpoint', (error as Error).message);
    }
    try {
      cosignature = parseCosignature(body.cosignature);
    } catch (error) {
      throw invalid('cosignature', (error as Error).message);
    }
    try {
      const cosigned = await recordCosignature(this.store, checkpoint.treeSize, checkpoint.rootHash, cosignature, `auditor:${request.principal!.id}`);
      return cosigned;
    } catch (error) {
      if (!(error instanceof CosignatureRefused)) throw error;
      if (error.reason === 'no-checkpoint') throw problem(404, 'checkpoint-not-found', 'Not found', error.message);
      throw problem(422, 'cosignature-invalid', 'Co-signature does not verify', error.message);
    }
  }

  private log(): MerkleLog {
    if (!this.transparency.log) {
      throw problem(503, 'merkle-log-unavailable', 'Merkle log unavailable', `The ${this.store.adapter} adapter keeps no Merkle tree in this api process`);
    }
    return this.transparency.log;
  }
}
