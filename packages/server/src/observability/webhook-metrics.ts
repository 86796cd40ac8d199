import type { NextFunction, Request, Response } from 'express';
import type { Metrics } from './metrics';

/** Counts webhook requests and times each one until its answer is written. */
export function webhookMetrics(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const stop = metrics.webhookAckSeconds.startTimer({ method: req.method });
    res.once('finish', () => {
      stop();
      metrics.webhookRequests.inc({ method: req.method, status: String(res.statusCode) });
    });
    next();
  };
}
