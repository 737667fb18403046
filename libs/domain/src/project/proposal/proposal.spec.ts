import { given } from '../../testing/decider-spec.js';
import { ctx, e, REQUESTED_FEN } from '../../testing/fixtures.js';
import { sampleCommand } from '../../testing/sample-commands.js';
import type { ProposeProject } from './commands.js';

const propose: ProposeProject = sampleCommand.ProposeProject;

describe('ProposeProject (项目申报)', () => {
  it('on an empty stream, records the proposal with the business time', () => {
    given().when(propose, { ...ctx, now: '2024-09-01T00:00:00Z' }).then(e.proposed);
  });

  it('starts the project in the proposed stage', () => {
    const state = given().when(propose).stateAfter();
    expect(state).toMatchObject({ exists: true, stage: 'proposed', projectId: 'water-2025', requestedFen: REQUESTED_FEN, fiscalYear: 2025 });
  });

  it('refuses a second proposal on the same stream', () => {
    given(e.proposed).when(propose).thenRefuses('wrong-stage', 'project.already-exists');
  });

  it.each([
    ['a missing title', { title: ' ' }, 'proposal.fields-required'],
    ['an unknown category', { category: 'capital' }, 'proposal.category-invalid'],
    ['a two-digit year', { fiscalYear: 25 }, 'proposal.fiscal-year-invalid'],
    ['fractional fen', { requestedFen: 10.5 }, 'money.invalid-amount'],
    ['zero fen', { requestedFen: 0 }, 'money.invalid-amount'],
  ])('refuses %s', (_label, change, ruleId) => {
    given()
      .when({ ...propose, ...change } as ProposeProject)
      .thenRefuses('invariant', ruleId);
  });
});

describe('any other command on an empty stream', () => {
  it('is not found', () => {
    given().when({ type: 'CloseProject', reason: 'x' }).thenRefuses('not-found', 'project.not-found');
  });
});
