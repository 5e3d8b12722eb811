import { effectOf, toldOf, type TargetCall } from '../../src/domain/deliveries/target-call';
import { SVA_USER_CALL, svaUserEffect } from '../../src/domain/sva/sva';
import { sipLineEffect } from '../../src/domain/voip/sip-line';

const user = {
  id: 'u-1',
  integrationId: 'i-1',
  platform: 'exa' as const,
  contractId: 'c-1',
  username: 'ana@example.com',
  document: '52998224725',
  email: 'ana@example.com',
  name: 'Ana',
  mobilePhone: '+5511912345678',
  packageCode: 'EXA-SEG',
};

describe('a target call said as data', () => {
  it('reads the payload, platform and integration from the record', () => {
    expect(svaUserEffect('block_user', user)).toEqual({
      target: { kind: 'sva_user', id: 'u-1' },
      platform: 'exa',
      integrationId: 'i-1',
      contractId: 'c-1',
      action: 'block_user',
      orderingKey: 'sva:i-1:ana@example.com',
      payload: {
        action: 'block_user',
        user: {
          svaUserId: 'u-1',
          integrationId: 'i-1',
          platform: 'exa',
          contractId: 'c-1',
          username: 'ana@example.com',
          document: '52998224725',
          email: 'ana@example.com',
          name: 'Ana',
          mobilePhone: '+5511912345678',
          packageCode: 'EXA-SEG',
        },
      },
    });
  });

  it('chooses the ordering key by the field the definition names', () => {
    const saber = svaUserEffect('block_user', { ...user, platform: 'saber_plus', username: '52998224725' });
    expect(saber.orderingKey).toBe('sva:u-1');
    expect(SVA_USER_CALL.orderingKey).toHaveProperty('when.field', 'platform');
  });

  it('adds what the caller joins to the payload, and only when given', () => {
    expect(svaUserEffect('create_user', user, 'sealed').payload).toHaveProperty('sealedPassword', 'sealed');
    expect(svaUserEffect('create_user', user, null).payload).toHaveProperty('sealedPassword', null);
    expect(svaUserEffect('create_user', user).payload).not.toHaveProperty('sealedPassword');
  });

  it('builds a fixed platform and no integration for a single-platform target', () => {
    const line = {
      id: 'l-1',
      contractId: 'c-1',
      extension: '2001',
      number: '+551130000001',
      status: 'active' as const,
      blockedWithContract: false,
      passwordSet: false,
      createdAt: new Date(0),
      updatedAt: new Date(0),
    };
    expect(sipLineEffect('block_line', line)).toMatchObject({
      platform: 'voip',
      integrationId: null,
      orderingKey: 'sip_line:l-1',
      payload: { action: 'block_line', line: { sipLineId: 'l-1', extension: '2001' } },
    });
  });

  it('joins text parts in order', () => {
    const call: TargetCall<'id' | 'contractId'> = {
      kind: 'mvno_line',
      platform: { text: 'p' },
      integrationId: null,
      orderingKey: [{ text: 'a:' }, { field: 'contractId' }, { text: ':' }, { field: 'id' }],
      payload: { name: 'x', fields: { ref: 'id' } },
      told: {
        type: 'x.status_changed',
        resourceKind: 'x',
        name: 'x',
        fields: { id: { field: 'id' }, kind: { text: 'k' } },
      },
    };
    expect(effectOf(call, 'go', { id: '1', contractId: '2' })).toMatchObject({
      orderingKey: 'a:2:1',
      payload: { action: 'go', x: { ref: '1' } },
    });
  });

  it('tells a move with the fields and fixed text its definition names, the statuses and the cause', () => {
    const call: TargetCall<'id' | 'contractId'> = {
      kind: 'mvno_line',
      platform: { text: 'p' },
      integrationId: null,
      orderingKey: [{ field: 'id' }],
      payload: { name: 'x', fields: { ref: 'id' } },
      told: {
        type: 'x.status_changed',
        resourceKind: 'x',
        name: 'thing',
        fields: { id: { field: 'id' }, kind: { text: 'k' } },
      },
    };
    const cause = { historyId: 'h-1', action: 'go' };
    expect(toldOf(call, { id: '1', contractId: '2' }, { status: 'blocked', previousStatus: 'active', cause })).toEqual({
      thing: { id: '1', kind: 'k', status: 'blocked', previousStatus: 'active' },
      cause,
    });
  });
});
