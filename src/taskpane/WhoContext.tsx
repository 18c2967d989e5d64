import { createContext, useContext } from "react";

export interface Who {
  /** The name the Change Log records; empty until the person gives one. */
  readonly who: string;
  readonly setWho: (name: string) => void;
}

const WhoContext = createContext<Who | undefined>(undefined);

export const WhoProvider = WhoContext.Provider;

export function useWho(): Who {
  const who = useContext(WhoContext);
  if (!who) throw new Error("useWho needs a WhoProvider above it");
  return who;
}
