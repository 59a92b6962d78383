/** agent: the inbox's queue and their own conversations; supervisor: every conversation; admin: also the dashboard's settings. */
export const STAFF_ROLES = ['agent', 'supervisor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
