/**
 * The largest PostgreSQL `integer`: numbers above it are refused by validation with a clear
 * message rather than by the database with an internal error (found by the fuzzer).
 */
export const INT4_MAX = 2_147_483_647;
