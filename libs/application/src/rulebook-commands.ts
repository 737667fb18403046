import { rulebookDecider, rulebookStream, type Rulebook } from '@jixiao/domain';
import type { EventStore } from '@jixiao/event-store';
import type { CommandContext } from './command-context.js';
import { handleCommand, type CommandResult } from './handle-command.js';
import type { Rulebooks } from './rulebooks.js';

/**
 * Publishes a rulebook version (PublishRulebook) through handleCommand like every other
 * command: the rulebook stream folded once (Rulebooks.load), If-Match, the idempotency
 * key and the retry all apply. The caller checks the rulebook id's shape first; the
 * decider validates the rest. Throws the refusals of handleCommand.
 */
export async function publishRulebook(
  store: EventStore,
  rulebooks: Rulebooks,
  rulebook: Rulebook,
  context: CommandContext,
  clock: () => Date,
): Promise<CommandResult<unknown>> {
  return handleCommand({
    store,
    decider: rulebookDecider,
    stream: rulebookStream(rulebook.id),
    command: { type: 'PublishRulebook', rulebook },
    context,
    clock,
    load: () => rulebooks.load(rulebook.id),
    decideContext: async (_state, now) => ({ context: { now } }),
  });
}
