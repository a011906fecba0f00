// Direct entry of `stress notion` (`tsx src-main/tools/stress/notion-cli.ts FLAGS`), the same run as
// `npm run stress -- notion FLAGS`; the tests start this one as a child process.
import { runToolMain } from '../tool-main';
import { runNotionStress } from './notion';

runToolMain('stress', () => runNotionStress(process.argv.slice(2)));
