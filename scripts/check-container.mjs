// Checks the container set-up without a Docker daemon (CI runs `docker build` and `docker compose config`
// as well when one answers): the Dockerfile is linted (dockerfile-utils, the Docker language server's
// validator; hadolint where installed) and held to the production rules below; docker-compose.yml is
// parsed as YAML and its services checked. Exits 1 with one line per problem.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validate } from 'dockerfile-utils';
import { parse } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '..');
const problems = [];
const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');

for (const d of validate(dockerfile)) problems.push(`Dockerfile:${d.range.start.line + 1}: ${d.message}`);
try {
  execFileSync('hadolint', ['--failure-threshold', 'warning', 'Dockerfile'], { cwd: ROOT, stdio: 'inherit' });
} catch (error) {
  if (error.code !== 'ENOENT') problems.push('hadolint: Dockerfile has warnings (see above)');
}

const lines = dockerfile.split('\n').map((l) => l.trim());
const froms = lines.filter((l) => /^FROM\s/i.test(l));
const final = froms.at(-1) ?? '';
const finalStage = lines.slice(lines.lastIndexOf(final));
const last = (name) => finalStage.filter((l) => l.toUpperCase().startsWith(`${name} `)).at(-1) ?? '';
if (froms.length < 2) problems.push('Dockerfile: not multi-stage (build and runtime stages)');
if (!/^FROM\s+node:(22|24)[.-]/i.test(final))
  problems.push('Dockerfile: the runtime stage is not on Node 22 or 24 LTS');
if (!/^USER\s+node$/i.test(last('USER')))
  problems.push('Dockerfile: the runtime stage does not run as `node`');
if (finalStage.some((l) => /^COPY\b.*--chown/i.test(l)))
  problems.push('Dockerfile: runtime code must not be owned by the runtime user');
if (!/tini|dumb-init/.test(last('ENTRYPOINT')))
  problems.push('Dockerfile: no init (tini or dumb-init) as the entrypoint');
if (!/^CMD\s+\["node",/.test(last('CMD'))) problems.push('Dockerfile: CMD must run `node` (not npm)');
if (finalStage.some((l) => /npm (ci|install)(?!.*--omit=dev)/.test(l)))
  problems.push('Dockerfile: devDependencies installed in the runtime stage');

const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });
const services = compose?.services ?? {};
for (const name of ['postgres', 'redis', 'migrate', 'bot', 'worker']) {
  if (!services[name]) problems.push(`docker-compose.yml: service "${name}" is missing`);
}
for (const [name, service] of Object.entries(services)) {
  if (!service.image && !service.build)
    problems.push(`docker-compose.yml: ${name} has neither image nor build`);
  const command = service.command;
  if (Array.isArray(command) && command[0] === 'npm')
    problems.push(`docker-compose.yml: ${name} runs npm, not node`);
  for (const dep of Object.keys(service.depends_on ?? {})) {
    if (!services[dep]) problems.push(`docker-compose.yml: ${name} depends on unknown service ${dep}`);
  }
}

if (problems.length > 0) {
  process.stderr.write(`${problems.join('\n')}\n`);
  process.exit(1);
}
process.stdout.write('Dockerfile and docker-compose.yml: OK\n');
