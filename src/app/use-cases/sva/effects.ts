import type { ClaimedDelivery, EffectHandler } from '../../../domain/ports/delivery-queue';
import type { Store } from '../../../domain/ports/store';
import type { SvaIntegrationRecord } from '../../../domain/sva/ports';
import type { SecretBox } from '../../../domain/ports/secrets';
import { PartnerError } from '../../../domain/ports/partner';
import type { SvaPlatform } from '../../../domain/sva/ports';
import type { SvaEffect } from '../../../domain/sva/sva';

/** Carries out one queued effect on the platform; each call is safe to repeat (see SvaPlatform). */
export async function applySvaEffect(platform: SvaPlatform, effect: SvaEffect, secrets: SecretBox): Promise<void> {
  const { user } = effect;
  const password = effect.sealedPassword ? secrets.open(effect.sealedPassword) : null;
  switch (effect.action) {
    case 'create_user':
      await platform.createUser({
        username: user.username,
        document: user.document,
        email: user.email,
        name: user.name,
        mobilePhone: user.mobilePhone,
        packageCode: user.packageCode,
        password,
        reference: user.svaUserId,
      });
      return;
    case 'block_user':
      return platform.blockUser(user.svaUserId);
    case 'unblock_user':
      return platform.unblockUser(user.svaUserId);
    case 'deactivate_user':
      return platform.deactivateUser(user.svaUserId);
    case 'update_user':
      return platform.updateUser(user.svaUserId, {
        mobilePhone: user.mobilePhone,
        packageCode: user.packageCode,
        password,
      });
    case 'delete_user':
      return platform.deleteUser(user.svaUserId);
  }
}

const INTEGRATION_CACHE_MS = 1_000;

/**
 * The effects on SVA users: each goes to the platform of its integration, read (briefly cached,
 * with the platform its credentials open) from its sealed credentials. Refused credentials are
 * shown on the integration as `authError`.
 */
export function createSvaEffectHandler(deps: {
  store: Store;
  secrets: SecretBox;
  svaPlatformFor: (integration: SvaIntegrationRecord) => SvaPlatform;
}): EffectHandler {
  // The read itself is kept: the deliveries that find the entry stale at once share one read.
  const platforms = new Map<string, { at: number; platform: Promise<SvaPlatform | null> }>();
  function platformOf(id: string) {
    const cached = platforms.get(id);
    if (cached && Date.now() - cached.at < INTEGRATION_CACHE_MS) return cached.platform;
    const platform = deps.store.svaIntegrations
      .findById(id)
      .then((record) => (record ? deps.svaPlatformFor(record) : null));
    const entry = { at: Date.now(), platform };
    platforms.set(id, entry);
    platform.catch(() => platforms.get(id) === entry && platforms.delete(id));
    return platform;
  }
  return {
    kind: 'sva_user',
    async apply(delivery: ClaimedDelivery) {
      const platform = delivery.integrationId ? await platformOf(delivery.integrationId) : null;
      if (!platform) throw new PartnerError('rejected', 'The SVA integration no longer exists.');
      await applySvaEffect(platform, delivery.payload as SvaEffect, deps.secrets);
    },
    async credentialsRefused(delivery, message, now) {
      if (!delivery.integrationId) return;
      await deps.store.svaIntegrations.recordAuthError(delivery.integrationId, message, now);
      platforms.delete(delivery.integrationId);
    },
  };
}
