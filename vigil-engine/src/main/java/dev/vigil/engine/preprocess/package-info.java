/**
 * Preprocessing a plant's sensor data before a multivariate model sees it: resampling to a regular
 * grid, aligning sensors recorded at different timestamps, filling missing values and flagging the
 * rows where the machine is off.
 *
 * <p>{@link dev.vigil.engine.preprocess.Preprocessor} runs the steps in their fixed order; the
 * individual steps are public so that the service can show and test each one on its own.
 */
package dev.vigil.engine.preprocess;
