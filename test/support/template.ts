/** The database the global setup loads once and every test file copies. */
export const TEMPLATE_DATABASE = "motcua_template";
