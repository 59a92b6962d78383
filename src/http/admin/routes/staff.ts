import { z } from 'zod';
import { STAFF_ROLES } from '../../../core/staff-roles';
import { createStaffAccount, MAX_PASSWORD_LENGTH, staffMembers, type StaffMember } from '../../../services/staff';
import { defineRoute } from '../route-table';

const newStaff = z
  .object({
    name: z.string().trim().min(1).max(120),
    email: z.email().max(254),
    password: z.string().min(12, 'expected at least 12 characters').max(MAX_PASSWORD_LENGTH),
    role: z.enum(STAFF_ROLES),
  })
  .strict();

const staffView = z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.enum(STAFF_ROLES) });

function view(staff: StaffMember): z.infer<typeof staffView> {
  return { id: staff.id.toHexString(), name: staff.name, email: staff.email, role: staff.role };
}

export const staffRoutes = [
  defineRoute({
    method: 'post',
    path: '/staff',
    operationId: 'createStaff',
    summary: 'Create a staff account (agent, supervisor or admin) that signs in at /staff/sign-in; the password is stored only as an Argon2id hash',
    tag: 'staff',
    body: newStaff,
    response: { description: 'The account, without its password', schema: staffView, status: 201 },
    errors: ['CONFLICT'],
    handle: async ({ body }) => view(await createStaffAccount(body)),
  }),
  defineRoute({
    method: 'get',
    path: '/staff',
    operationId: 'listStaff',
    summary: 'Every staff account, without passwords',
    tag: 'staff',
    response: { description: '{ items }', schema: z.object({ items: z.array(staffView) }) },
    handle: async () => ({ items: (await staffMembers()).map(view) }),
  }),
];
