/** The other end of a sync state, changed in one character of the same alphabet (a state the server never issued). */
export function garble(state: string): string {
  const at = state.length - 6;
  const replacement = state[at] === 'A' ? 'B' : 'A';
  return state.slice(0, at) + replacement + state.slice(at + 1);
}
