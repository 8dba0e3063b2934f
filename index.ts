// The Pulumi program of govcloud: `pulumi up --stack <department>` or `--stack platform`.
// Everything lives in components/; see docs/components.md.
import { main } from "./components/entry";

export = main();
