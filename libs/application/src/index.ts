/**
 * @jixiao/application — the command side, once: one load → authorise → decide → append
 * for any decider (handleCommand), idempotency from events, the rulebook in force, the
 * project state loader, principals, access tokens, the audit record and the host
 * openers. No NestJS and no HTTP: the api, the worker, the workflow and the CLI call it.
 */
export { handleCommand, type Decider, type DecidedEvent, type HandleCommand, type CommandResult, type Loaded } from './handle-command.js';
export { ProjectCommands, commandAnswer, type AddressedCommand, type ProjectCommandAnswer, type ProjectCommandResult, type RulebookSource } from './project-commands.js';
export { publishRulebook } from './rulebook-commands.js';
export { ProjectStates, type LoadedProject } from './project-states.js';
export { Rulebooks, type LoadedRulebooks } from './rulebooks.js';
export { idempotencySeed, type CommandContext } from './command-context.js';
export { ifMatchHolds, type IfMatch } from './if-match.js';
export { keyedEventId, minterFor, requestHash, type IdempotencySeed, type Mint } from './idempotency.js';
export { newId } from './ids.js';
export { roles, type Principal, type Role, type SystemPrincipal } from './principal.js';
export { AccessRefused, ConcurrencyConflict, DomainRefusal, IdempotencyKeyReused, PreconditionFailed } from './refusals.js';
export { assertMayAccess, assertMaySee, noSuchProject } from './access/project-access.js';
export { AccessTokens, UnknownTokenError, accessTokenStream, tokenRefreshIntervalMs, type IssueTokenRequest, type IssuedToken, type KeyedIssue, type TokenListing, type TokenUsageLedger } from './access/access-tokens.js';
export { ReadModelTokenUsage } from './access/token-usage.js';
export { auditRecord, eventLabel, exportLine, exportLines, type AuditRecord } from './audit/audit-record.js';
export { projectHistory, type ProjectHistoryPage, type ProjectHistoryQuery, type YearedAuditRecord } from './audit/project-history.js';
export { parseAsOf, projectAsOf, type AsOf, type ProjectAsOf, type ProjectAsOfResult } from './audit/project-as-of.js';
export { defaultTokenLifetimeDays, loadConfig, sqliteEventsFile, type AppConfig, type HttpLimits, type StoreKind } from './host/app-config.js';
export { openConfiguredStore } from './host/open-store.js';
export { openReadModelDatabase, openReadModels, type ReadModels } from './host/open-read-models.js';
export { GracefulShutdown } from './host/shutdown.js';
export { loadTransparencyConfig, type TransparencyConfig } from './host/transparency-config.js';
