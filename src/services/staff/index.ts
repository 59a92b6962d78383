export { createStaffAccount, MAX_PASSWORD_LENGTH, normalisedEmail, staffMember, staffMembers, verifyStaffPassword, type StaffMember, type StaffRole } from './accounts';
