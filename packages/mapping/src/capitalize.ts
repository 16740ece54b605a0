/** Messages start with a record description ("commitment SC-1 …"); sentences start with a capital. */
export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
