/** The guided tour: the four claims, told with live views. (Chapters arrive in this folder.) */
export function TourView() {
  return <div data-testid="tour" />;
}
