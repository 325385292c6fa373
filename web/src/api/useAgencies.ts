import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "./client.ts";

/** The province's departments, centre and communes: the top agency's children (a pick list). */
export function useAgencies(enabled = true) {
  return useQuery({
    queryKey: ["agencies", "province"],
    enabled,
    staleTime: 300_000,
    queryFn: async () => {
      const top = await unwrap(api.GET("/api/v1/agencies", { params: { query: {} } }));
      const parent = top.items[0]?.code;
      return parent
        ? (await unwrap(api.GET("/api/v1/agencies", { params: { query: { parent, limit: 500 } } }))).items
        : [];
    },
  });
}
