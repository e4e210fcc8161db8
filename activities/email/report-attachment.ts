/**
 * The draft annual report attached to the notices of the monitor's yearly report (the
 * `annual-implementation-report` obligation: kind `report`, owned by the plan's monitor):
 * the year of the occurrence's period, figures as of the notice's logical time, read from
 * Temporal. Made when the notice is sent, never put in a workflow payload; a failure or a
 * slow server gives a note in the letter instead, and the notice goes anyway.
 */
import type { Client } from '@temporalio/client';
import { localDateOfInstant } from '../../domain/calendar/local-date';
import { planReportObligation } from '../../domain/targets';
import { buildReport, MIME_TYPES, renderReport, reportFileName, temporalSource, type FactSource } from '../../reporting';
import type { PlanSource } from '../../config/plan-source';
import type { AttachmentProvider } from './notifier';
import { formatVi } from '../../vocabulary';

export interface ReportAttachmentOptions {
  /** Give up after this long (default 60 s, half the notice activity's timeout). */
  timeoutMs?: number;
  /** Where statuses come from (tests); default Temporal through `client`. */
  source?: FactSource;
}

/** Whether an obligation is the monitor's yearly report on the plan. */
export function isPlanReport(plan: PlanSource, obligationId: string): boolean {
  return planReportObligation(plan.current().config.plan)?.id === obligationId;
}

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`quá ${Math.round(ms / 1000)} giây`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function reportAttachments(client: Client, plan: PlanSource, opts: ReportAttachmentOptions = {}): AttachmentProvider {
  return async (input) => {
    const spec = input.occurrence;
    if (!isPlanReport(plan, spec.obligation)) return undefined;
    const year = Number(spec.period.slice(0, 4));
    const index = plan.current();
    const asOf = formatVi(localDateOfInstant(input.logicalAtMs));
    const filename = reportFileName(year, 'docx');
    try {
      const content = await within(
        opts.timeoutMs ?? 60_000,
        buildReport(index, { year, asOfMs: input.logicalAtMs }, opts.source ?? temporalSource(client)).then((r) => renderReport(index, r, 'docx')),
      );
      return {
        attachments: [{ filename, contentType: MIME_TYPES.docx, content }],
        note: `Gửi kèm: dự thảo báo cáo kết quả thực hiện Kế hoạch năm ${year} (${filename}), tổng hợp từ tình hình thực hiện được ghi nhận đến ngày ${asOf}, để biên tập trước khi trình ký.`,
      };
    } catch (err) {
      return {
        attachments: [],
        note: `Chưa gửi kèm được dự thảo báo cáo năm ${year} (${(err as Error).message}); có thể tạo bằng lệnh: dondoc report --year ${year} --format docx.`,
      };
    }
  };
}
