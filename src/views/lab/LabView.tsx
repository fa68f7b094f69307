/** The lab: one experiment per claim, skips on against off. (Panels arrive in this folder.) */
export function LabView() {
  return <div className="panels" data-testid="lab" />;
}
