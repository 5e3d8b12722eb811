import type { SecretBox } from '../domain/ports/secrets';
import type { SvaPlatform } from '../domain/ports/sva-platform';
import type { SvaEffect } from '../domain/sva/sva';

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
      return platform.updateUser(user.svaUserId, { mobilePhone: user.mobilePhone, password });
    case 'delete_user':
      return platform.deleteUser(user.svaUserId);
  }
}
