// Entry point of the test bundle: dondoc's workflows plus the platform probes.
export * from '../../workflows';
export * from './probe-workflows';
