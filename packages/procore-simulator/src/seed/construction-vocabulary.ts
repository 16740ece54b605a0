/** Vocabulary for realistic general-contractor data: company, people, vendors, places and CSI cost codes. */

export const GC_COMPANY_NAMES = [
  'Summit Ridge Builders',
  'Granite Peak Construction',
  'Harborline Contractors',
  'Ironwood General Contractors',
  'Cedar & Stone Builders',
  'Blue Mesa Construction',
  'Keystone Ridge Builders',
  'Northbridge Construction Co',
];

export const OTHER_COMPANY_NAMES = ['Bayshore Development Partners', 'Lakeside Construction Group', 'Redwood Valley Builders'];

export const FIRST_NAMES = ['Alex', 'Jordan', 'Taylor', 'Morgan', 'Casey', 'Riley', 'Jamie', 'Avery', 'Drew', 'Quinn', 'Sam', 'Reese'];
export const LAST_NAMES = ['Morgan', 'Nguyen', 'Patel', 'Garcia', 'Okafor', 'Lindqvist', 'Brennan', 'Castillo', 'Hughes', 'Tanaka'];

export const VENDOR_PREFIXES = [
  'Apex',
  'Summit',
  'Blue Ridge',
  'Keystone',
  'Pioneer',
  'Granite State',
  'Ironwood',
  'Cornerstone',
  'Red Rock',
  'Tri-County',
  'Evergreen',
  'Liberty',
  'Precision',
  'Allied',
  'Coastal',
  'Heartland',
  'Northstar',
  'Silver Creek',
  'Valley',
  'Metro',
  'Benchmark',
  'Frontier',
  'Cascade',
  'Heritage',
  'Patriot',
  'Lone Star',
  'Great Lakes',
  'Bayside',
  'Highland',
  'Prairie',
  'Stonebridge',
  'Eagle',
  'Atlas',
  'Titan',
  'Meridian',
  'Sterling',
  'Canyon',
  'Harbor',
  'Timberline',
  'Crossroads',
];

export const VENDOR_SUFFIXES = ['LLC', 'Inc.', 'Co.', 'Corp.', 'Contractors', 'Services', 'Group'];

/** Trades with the CSI division they work in; suppliers get purchase orders, subcontractors subcontracts. */
export const TRADES: { name: string; division: string; supplier: boolean }[] = [
  { name: 'Concrete', division: '03', supplier: false },
  { name: 'Ready Mix Concrete', division: '03', supplier: true },
  { name: 'Rebar', division: '03', supplier: true },
  { name: 'Masonry', division: '04', supplier: false },
  { name: 'Structural Steel', division: '05', supplier: false },
  { name: 'Rough Carpentry', division: '06', supplier: false },
  { name: 'Lumber Supply', division: '06', supplier: true },
  { name: 'Roofing', division: '07', supplier: false },
  { name: 'Waterproofing', division: '07', supplier: false },
  { name: 'Doors & Hardware', division: '08', supplier: true },
  { name: 'Glass & Glazing', division: '08', supplier: false },
  { name: 'Drywall', division: '09', supplier: false },
  { name: 'Painting', division: '09', supplier: false },
  { name: 'Flooring', division: '09', supplier: false },
  { name: 'Fire Protection', division: '21', supplier: false },
  { name: 'Plumbing', division: '22', supplier: false },
  { name: 'HVAC', division: '23', supplier: false },
  { name: 'Electrical', division: '26', supplier: false },
  { name: 'Electrical Supply', division: '26', supplier: true },
  { name: 'Excavation', division: '31', supplier: false },
  { name: 'Paving', division: '32', supplier: false },
  { name: 'Landscaping', division: '32', supplier: false },
  { name: 'Site Utilities', division: '33', supplier: false },
  { name: 'Equipment Rental', division: '01', supplier: true },
];

/** CSI MasterFormat divisions and sections ("full_code name"). */
export const CSI_DIVISIONS: { code: string; name: string; sections: [string, string][] }[] = [
  {
    code: '01',
    name: 'General Requirements',
    sections: [
      ['100', 'General Requirements'],
      ['310', 'Project Management'],
      ['320', 'Superintendent'],
      ['500', 'Temporary Facilities'],
      ['520', 'Temporary Power'],
      ['740', 'Final Cleaning'],
    ],
  },
  {
    code: '02',
    name: 'Existing Conditions',
    sections: [
      ['200', 'Site Survey'],
      ['410', 'Demolition'],
    ],
  },
  {
    code: '03',
    name: 'Concrete',
    sections: [
      ['100', 'Concrete Forming'],
      ['200', 'Concrete Reinforcing'],
      ['300', 'Cast-in-Place Concrete'],
      ['350', 'Concrete Finishing'],
    ],
  },
  {
    code: '04',
    name: 'Masonry',
    sections: [
      ['200', 'Unit Masonry'],
      ['400', 'Stone Assemblies'],
    ],
  },
  {
    code: '05',
    name: 'Metals',
    sections: [
      ['120', 'Structural Steel Framing'],
      ['310', 'Steel Decking'],
      ['500', 'Metal Fabrications'],
    ],
  },
  {
    code: '06',
    name: 'Wood, Plastics, and Composites',
    sections: [
      ['100', 'Rough Carpentry'],
      ['200', 'Finish Carpentry'],
    ],
  },
  {
    code: '07',
    name: 'Thermal and Moisture Protection',
    sections: [
      ['100', 'Waterproofing'],
      ['210', 'Building Insulation'],
      ['500', 'Membrane Roofing'],
      ['620', 'Sheet Metal Flashing'],
    ],
  },
  {
    code: '08',
    name: 'Openings',
    sections: [
      ['110', 'Hollow Metal Doors and Frames'],
      ['710', 'Door Hardware'],
      ['800', 'Glazing'],
    ],
  },
  {
    code: '09',
    name: 'Finishes',
    sections: [
      ['210', 'Gypsum Board Assemblies'],
      ['300', 'Tiling'],
      ['650', 'Resilient Flooring'],
      ['900', 'Painting and Coating'],
    ],
  },
  {
    code: '10',
    name: 'Specialties',
    sections: [
      ['140', 'Signage'],
      ['440', 'Fire Protection Specialties'],
    ],
  },
  { code: '21', name: 'Fire Suppression', sections: [['100', 'Fire Sprinkler Systems']] },
  {
    code: '22',
    name: 'Plumbing',
    sections: [
      ['100', 'Plumbing Piping'],
      ['400', 'Plumbing Fixtures'],
    ],
  },
  {
    code: '23',
    name: 'Heating, Ventilating, and Air Conditioning',
    sections: [
      ['300', 'HVAC Air Distribution'],
      ['700', 'Central HVAC Equipment'],
    ],
  },
  {
    code: '26',
    name: 'Electrical',
    sections: [
      ['050', 'Common Work Results for Electrical'],
      ['200', 'Low-Voltage Electrical Transmission'],
      ['500', 'Lighting'],
    ],
  },
  {
    code: '31',
    name: 'Earthwork',
    sections: [
      ['100', 'Site Clearing'],
      ['200', 'Earth Moving'],
    ],
  },
  {
    code: '32',
    name: 'Exterior Improvements',
    sections: [
      ['120', 'Flexible Paving'],
      ['900', 'Planting'],
    ],
  },
  {
    code: '33',
    name: 'Utilities',
    sections: [
      ['100', 'Water Utilities'],
      ['300', 'Sanitary Sewerage Utilities'],
    ],
  },
];

export const PLACES: { city: string; state: string; zip: string; county: string; timeZone: string; streets: string[] }[] = [
  {
    city: 'Denver',
    state: 'CO',
    zip: '80202',
    county: 'Denver County',
    timeZone: 'Mountain Time (US & Canada)',
    streets: ['Larimer St', 'Blake St', 'Wynkoop St'],
  },
  { city: 'Boise', state: 'ID', zip: '83702', county: 'Ada County', timeZone: 'Mountain Time (US & Canada)', streets: ['Main St', 'Front St', 'Capitol Blvd'] },
  {
    city: 'Sacramento',
    state: 'CA',
    zip: '95814',
    county: 'Sacramento County',
    timeZone: 'Pacific Time (US & Canada)',
    streets: ['J St', 'Capitol Mall', 'K St'],
  },
  {
    city: 'Austin',
    state: 'TX',
    zip: '78701',
    county: 'Travis County',
    timeZone: 'Central Time (US & Canada)',
    streets: ['Congress Ave', 'Lavaca St', 'Cesar Chavez St'],
  },
  {
    city: 'Raleigh',
    state: 'NC',
    zip: '27601',
    county: 'Wake County',
    timeZone: 'Eastern Time (US & Canada)',
    streets: ['Fayetteville St', 'Hillsborough St', 'Glenwood Ave'],
  },
  {
    city: 'Columbus',
    state: 'OH',
    zip: '43215',
    county: 'Franklin County',
    timeZone: 'Eastern Time (US & Canada)',
    streets: ['High St', 'Broad St', 'Gay St'],
  },
  {
    city: 'Salt Lake City',
    state: 'UT',
    zip: '84101',
    county: 'Salt Lake County',
    timeZone: 'Mountain Time (US & Canada)',
    streets: ['State St', '200 S', 'West Temple'],
  },
  {
    city: 'Nashville',
    state: 'TN',
    zip: '37203',
    county: 'Davidson County',
    timeZone: 'Central Time (US & Canada)',
    streets: ['Broadway', 'Division St', 'Church St'],
  },
];

export const PROJECT_PLACES = [
  'Riverside',
  'Oak Street',
  'Lakeview',
  'Maple Grove',
  'Harborfront',
  'Northgate',
  'Cedar Ridge',
  'Westfield',
  'Union Square',
  'Mill Creek',
  'Hillcrest',
  'Stonebrook',
];
export const PROJECT_KINDS = [
  'Medical Office Building',
  'Apartments',
  'Elementary School',
  'Parking Structure',
  'Retail Center',
  'Fire Station',
  'Distribution Center',
  'Public Library',
  'Senior Living',
  'Office Tower',
  'Community Center',
  'Hotel',
];
export const PROJECT_STAGES = ['Pre-Construction', 'Course of Construction', 'Course of Construction', 'Post-Construction'];

export const LINE_ITEM_TYPES: { name: string; code: string; base_type: string }[] = [
  { name: 'Labor', code: 'L', base_type: 'labor' },
  { name: 'Materials', code: 'M', base_type: 'material' },
  { name: 'Equipment', code: 'E', base_type: 'equipment' },
  { name: 'Subcontract', code: 'S', base_type: 'subcontract' },
  { name: 'Other', code: 'O', base_type: 'other' },
];

export const PAYMENT_TERMS = ['Net 30', 'Net 45', 'Due on receipt', '2% 10 Net 30'];
