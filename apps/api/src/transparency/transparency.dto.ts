import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, Max, Min } from 'class-validator';

const maxSize = Number.MAX_SAFE_INTEGER;

export class InclusionQuery {
  @ApiProperty({ description: 'Leaf index: 0-based, in global order (the event at global position p is leaf p − 1 in SQL stores)' })
  @Type(() => Number) @IsInt() @Min(0) @Max(maxSize)
  leafIndex!: number;

  @ApiProperty({ description: 'Size of the tree the proof is for: a checkpoint\'s treeSize' })
  @Type(() => Number) @IsInt() @Min(1) @Max(maxSize)
  treeSize!: number;
}

export class ConsistencyQuery {
  @ApiProperty({ description: 'The earlier tree size (the checkpoint the auditor kept)' })
  @Type(() => Number) @IsInt() @Min(0) @Max(maxSize)
  from!: number;

  @ApiProperty({ description: 'The later tree size' })
  @Type(() => Number) @IsInt() @Min(0) @Max(maxSize)
  to!: number;
}

export class CosignatureBody {
  @ApiProperty({ description: 'The checkpoint co-signed, as served by GET /audit/checkpoints (treeSize and rootHash identify it)' })
  @IsObject()
  checkpoint!: Record<string, unknown>;

  @ApiProperty({ description: '{ witness, key: { algorithm, publicKey, keyId }, signedAt, signature }, as `audit cosign` writes it' })
  @IsObject()
  cosignature!: Record<string, unknown>;
}
