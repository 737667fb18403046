import { eventCatalogue } from './event-catalogue.js';
import * as labels from './labels/labels.js';
import { decide, replay } from './project/decider.js';
import type { ProjectEvent } from './project/events.js';
import { at, historyAt } from './testing/fixtures.js';

describe('the event catalogue', () => {
  it('names at least the events of DESIGN §3, with the six of the product card', () => {
    const required = [
      'PerformanceGoalSet', 'ProjectAdmitted', 'MonitoringReadingRecorded', 'DeviationFlagged', 'EvaluationScored', 'BudgetCut',
      'ProjectProposed', 'GoalsReviewed', 'TargetAdjusted', 'ProjectRejected', 'BudgetAllocated', 'BudgetAdjusted', 'ExpenditureRecorded',
      'DeviationExplained', 'DeviationResolved', 'DeviationEscalated', 'EvaluatorAssigned', 'RectificationOrdered', 'RectificationReported',
      'RectificationVerified', 'ProjectPrioritised', 'ProjectMaintained', 'ProjectSuspended', 'ProjectCancelled',
      'AccountabilityActionTaken', 'IncentiveGranted', 'ReadingOverdueFlagged', 'ProjectClosed', 'RulebookPublished',
      // Monitoring lights: a warning raised, lowered or cleared, and any other light.
      'DeviationRaised', 'DeviationLowered', 'DeviationCleared', 'LightAssessed',
      // 10号's result decisions for 差, and the project's life across fiscal years.
      'ProjectReduced', 'ProjectUseAdjusted', 'CycleOpened', 'PriorCutsApplied', 'MediumTermGoalsSet', 'MidTermEvaluationOrdered',
    ];
    expect(Object.keys(eventCatalogue).sort()).toEqual([...required].sort());
  });

  it('gives every event a positive schema version and labels in both languages', () => {
    for (const [type, entry] of Object.entries(eventCatalogue)) {
      expect({ type, ok: Number.isInteger(entry.schemaVersion) && entry.schemaVersion > 0 }).toEqual({ type, ok: true });
      expect(entry.label.en.length * entry.label['zh-CN'].length).toBeGreaterThan(0);
    }
  });

  it('every event in the fixture histories is written at its catalogue version', () => {
    const events: ProjectEvent[] = [...historyAt.closed, ...historyAt.rejected];
    for (const event of events) expect(event.schemaVersion).toBe(eventCatalogue[event.type].schemaVersion);
    const decision = decide({ type: 'CloseProject', reason: 'x' }, replay(historyAt.results), at('2026-07-01T00:00:00Z'));
    expect(decision).toMatchObject({ ok: true, events: [{ schemaVersion: eventCatalogue.ProjectClosed.schemaVersion }] });
  });
});

describe('labels', () => {
  it.each(Object.entries(labels))('%s: every entry has en and zh-CN', (_name, table) => {
    const entries = Object.values(table as Record<string, { en: string; 'zh-CN': string }>);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(entry.en.trim()).not.toBe('');
      expect(entry['zh-CN'].trim()).not.toBe('');
    }
  });

  it('labels grades and stages in Chinese as the bureaus say them', () => {
    expect(labels.GRADE_LABELS.excellent['zh-CN']).toBe('优');
    expect(labels.GRADE_LABELS.poor['zh-CN']).toBe('差');
    expect(labels.STAGE_LABELS.admitted['zh-CN']).toBe('已入库');
    expect(labels.DEVIATION_CAUSE_LABELS.funding['zh-CN']).toBe('经费保障');
  });
});
