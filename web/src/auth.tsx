import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { api, session, unwrap } from "./api/client.ts";

export interface Me {
  id: number;
  username: string;
  fullName: string;
  agencyCode: string;
  roles: string[];
}

interface Auth {
  me: Me | null;
  loading: boolean;
  signIn(username: string, password: string, totp?: string): Promise<Me>;
  signOut(): void;
  has(...roles: string[]): boolean;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const [token, setToken] = useState(session.get());
  const me = useQuery({
    queryKey: ["me", token],
    enabled: token !== null,
    retry: false,
    queryFn: () => unwrap(api.GET("/api/v1/auth/me")),
  });
  useEffect(() => {
    const out = () => setToken(null);
    window.addEventListener("motcua:signed-out", out);
    return () => window.removeEventListener("motcua:signed-out", out);
  }, []);
  const signIn = useCallback(
    async (username: string, password: string, totp?: string) => {
      const r = await unwrap(api.POST("/api/v1/auth/login", { body: { username, password, totp } }));
      session.set(r.token);
      qc.clear();
      setToken(r.token);
      return r.official;
    },
    [qc],
  );
  const signOut = useCallback(() => {
    session.clear();
    qc.clear();
    setToken(null);
  }, [qc]);
  const value = useMemo<Auth>(() => {
    const current = token && me.data ? me.data : null;
    return {
      me: current,
      loading: token !== null && me.isPending,
      signIn,
      signOut,
      has: (...roles) => (current ? current.roles.some((r) => roles.includes(r)) : false),
    };
  }, [token, me.data, me.isPending, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const a = useContext(AuthContext);
  if (!a) throw new Error("AuthProvider missing");
  return a;
}
