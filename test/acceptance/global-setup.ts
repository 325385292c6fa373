import { buildWeb } from "../../scripts/build-web.ts";

/** What `npm start`'s prestart does: the web app built when its sources changed. */
export default async function setup() {
  await buildWeb({ quiet: true });
}
