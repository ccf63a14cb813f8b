/**
 * Vigil's own synthetic equipment data: a plant of components whose sensors share a few latent
 * operating factors, with faults of known type, sensor and row range injected on demand.
 *
 * <p>It exists so that detection quality (does the diagnosis name the faulty sensor?) and
 * throughput can be measured on data whose ground truth is known exactly, and so that end-to-end
 * tests can ingest CSV files in the layout the service expects. Start with {@link
 * dev.vigil.engine.synthetic.SyntheticPlant#builder()}.
 */
package dev.vigil.engine.synthetic;
