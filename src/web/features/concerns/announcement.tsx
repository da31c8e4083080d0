import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

/**
 * What the last action on the concern page did, and where: each action confirms itself in its own
 * status line ("slot"), not in a banner far from the button the user pressed.
 */
interface Announcement {
  slot: string | null;
  text: string | null;
  announce: (slot: string, text: string) => void;
}

const AnnouncementContext = createContext<Announcement>({
  slot: null,
  text: null,
  announce: () => undefined,
});

export function AnnouncementProvider({ children }: { children: ReactNode }) {
  const [last, setLast] = useState<{ slot: string; text: string } | null>(null);
  const announce = useCallback((slot: string, text: string) => setLast({ slot, text }), []);
  const value = useMemo(() => ({ slot: last?.slot ?? null, text: last?.text ?? null, announce }), [last, announce]);
  return <AnnouncementContext.Provider value={value}>{children}</AnnouncementContext.Provider>;
}

export const useAnnounce = () => useContext(AnnouncementContext).announce;

/** The text of this slot's status line: the last action's, if it was taken here. */
export function useAnnouncement(slot: string): string | null {
  const current = useContext(AnnouncementContext);
  return current.slot === slot ? current.text : null;
}
