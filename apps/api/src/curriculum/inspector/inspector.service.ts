import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { InspectionReportView } from '../plans/curriculum-plan.dto';
import { loadInspectionInput } from './inspector.query';
import { inspect } from './rules';

/** R-CUR-05: the electronic inspector — loads a plan's world and runs the pure rules over it. */
@Injectable()
export class InspectorService {
  async run(tx: EntityManager, plan: { id: string; schoolId: string; academicYearId: string }): Promise<InspectionReportView> {
    const input = await loadInspectionInput(tx, plan);
    const { errors, warnings } = inspect(input);
    return {
      errors, warnings,
      summary: {
        classes: input.classes.length, planLines: input.lines.length, loads: input.loads.length, timetableEntries: input.entries.length,
        timetableAsOf: input.asOf, errorCount: errors.length, warningCount: warnings.length, passed: errors.length === 0,
      },
    };
  }
}
