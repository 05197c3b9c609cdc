/** Whether an error is a load being abandoned (a newer one began, or the element left the page). */
export function isAbort(error: unknown): boolean {
  return (error as Error | undefined)?.name === 'AbortError';
}
