/** The most caseload rows one page may ask about at once: the API's `ids=` limit (MAX_PAGE_SIZE in
 * core/api/schemas.ts). A module of its own so the content script can use it without bundling zod. */
export const MAX_CASELOAD_ROWS = 200;
