// Written from measurements of this suite and heap snapshots of the idle service; rerun before
// trusting the shares after a change.
export const FINDINGS = [
  '- **Loading code is most of the start-up.** TBD',
].join('\n');
