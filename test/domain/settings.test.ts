import {
  applySettingsPatch,
  changedFields,
  DEFAULT_INTEGRATION_SETTINGS,
  reconsultGuardDays,
} from '../../src/domain/settings/integration-settings';

describe('integration settings (seed 000)', () => {
  test('when a patch names some fields of some sections, then only those change', () => {
    const after = applySettingsPatch(DEFAULT_INTEGRATION_SETTINGS, {
      voip: { blockLinesWithContract: false },
      creditAnalysis: { reconsultIntervalDays: 30 },
    });
    expect(after).toEqual({
      ...DEFAULT_INTEGRATION_SETTINGS,
      voip: { ...DEFAULT_INTEGRATION_SETTINGS.voip, blockLinesWithContract: false },
      creditAnalysis: { ...DEFAULT_INTEGRATION_SETTINGS.creditAnalysis, reconsultIntervalDays: 30 },
    });
    expect(applySettingsPatch(DEFAULT_INTEGRATION_SETTINGS, {})).toEqual(DEFAULT_INTEGRATION_SETTINGS);
  });

  test('when settings change, then the changed fields are named section.field in section order; the same settings change nothing', () => {
    const after = applySettingsPatch(DEFAULT_INTEGRATION_SETTINGS, {
      mvno: { partialBlockFollowsContract: false },
      voip: { sipPasswordRequired: true },
    });
    expect(changedFields(DEFAULT_INTEGRATION_SETTINGS, after)).toEqual([
      'voip.sipPasswordRequired',
      'mvno.partialBlockFollowsContract',
    ]);
    expect(changedFields(after, after)).toEqual([]);
  });

  test('when the reconsult interval is null or 0, then there is no guard; from 1 day on there is', () => {
    const credit = (reconsultIntervalDays: number | null) => ({ enabled: true, reconsultIntervalDays });
    expect(reconsultGuardDays(credit(null))).toBeNull();
    expect(reconsultGuardDays(credit(0))).toBeNull();
    expect(reconsultGuardDays(credit(1))).toBe(1);
    expect(reconsultGuardDays(credit(30))).toBe(30);
  });

  test('when nothing was ever set, then lines follow the contract and nothing else is on', () => {
    expect(DEFAULT_INTEGRATION_SETTINGS).toEqual({
      voip: { defaultProductId: null, sipPasswordRequired: false, blockLinesWithContract: true },
      mvno: { totalBlockFollowsContract: true, partialBlockFollowsContract: true },
      creditAnalysis: { enabled: false, reconsultIntervalDays: null },
      communicationChannel: { defaultOpaSuiteIntegrationId: null },
      pbx: { enabled: false },
    });
  });
});
