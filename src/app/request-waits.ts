/**
 * Where a generation tells its slot that it is waiting on something only its request can end: the
 * client taking bytes (backpressure) or the request's own timer (a handover). `begin()` returns the
 * function that ends the wait. Implemented by SlotLease (generation-slots.ts).
 */
export interface RequestWaits {
  begin(): () => void;
}
