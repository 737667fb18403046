import { SetMetadata } from '@nestjs/common';
import type { Role } from '@jixiao/application';

export const allowedRolesKey = 'jixiao:allowed-roles';

/** The roles that may call a route; a route without it is public (health, docs). */
export const Allow = (...roles: Role[]) => SetMetadata(allowedRolesKey, roles);
