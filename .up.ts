import { importsOf, isUpward } from "./scripts/import-graph.ts";
const up = importsOf("src").filter(isUpward);
for (const i of up) console.log(i.from, "->", i.to);
console.log(up.length);
const out = importsOf("src").filter(i => i.to.startsWith("..")); console.log("outside", out);
const routes = importsOf("src").filter(i => i.to.endsWith(".routes.ts") && !i.from.startsWith("app/")); console.log("routes", routes);
