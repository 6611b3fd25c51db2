// node validate.mjs Brick-1.4.ttl model.ttl: validates the model against the SHACL shapes that Brick-1.4.ttl holds,
// with rdf-validate-shacl (SHACL Core). Prints the violations whose focus node is in the model (the ontology's own
// nodes give some of their own, which are not the model's) and exits 1 when there is any; 2 on bad usage.
// What this engine cannot run is left out and said here: SPARQL constraints (sh:sparql) and SHACL-AF rules (sh:rule,
// which add tags: the model's classes are what is checked).
import rdf from '@zazuko/env-node'
import SHACLValidator from 'rdf-validate-shacl'

const [ontologyPath, modelPath] = process.argv.slice(2)
if (!ontologyPath || !modelPath) {
  console.error('usage: node validate.mjs Brick-1.4.ttl model.ttl')
  process.exit(2)
}
const ontology = await rdf.dataset().import(rdf.fromFile(ontologyPath))
const model = await rdf.dataset().import(rdf.fromFile(modelPath))
// SHACL's implicit class targets need the shapes to be rdfs:Class instances; Brick declares them owl:Class.
const owlClassIsClass = rdf.quad(rdf.namedNode('http://www.w3.org/2002/07/owl#Class'),
  rdf.namedNode('http://www.w3.org/2000/01/rdf-schema#subClassOf'), rdf.namedNode('http://www.w3.org/2000/01/rdf-schema#Class'))
const SPARQL = 'http://www.w3.org/ns/shacl#sparql'
const shapes = rdf.dataset([...ontology.filter(q => q.predicate.value !== SPARQL), owlClassIsClass])
// The data graph holds the ontology too, so sh:class follows rdfs:subClassOf chains (a Zone_Air_Temperature_Sensor is a Point).
const data = rdf.dataset([...model, ...ontology, owlClassIsClass])
// Brick-1.4.ttl is self-contained (it already holds what it owl:imports): imports resolve to nothing.
const validator = new SHACLValidator(shapes, { factory: rdf, importGraph: () => rdf.dataset() })
const report = await validator.validate(data)
const modelNodes = new Set([...model].map(q => q.subject.value))
const violations = report.results.filter(r => r.focusNode && modelNodes.has(r.focusNode.value))
for (const r of violations) {
  console.log(`${r.focusNode.value} ${r.path?.value ?? ''} ${r.sourceConstraintComponent?.value ?? ''} ${r.message.map(m => m.value).join('; ')}`)
}
console.log(`${violations.length} violation(s) on the model's ${modelNodes.size} subjects`)
process.exit(violations.length === 0 ? 0 : 1)
