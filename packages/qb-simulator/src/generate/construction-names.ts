/** Vocabulary for realistic construction company files (vendors, owners, projects, cost codes). */
export const VENDOR_PREFIXES = [
  'Apex', 'Summit', 'Blue Ridge', 'Keystone', 'Pioneer', 'Granite State', 'Ironwood', 'Cornerstone', 'Red Rock', 'Tri-County',
  'Evergreen', 'Liberty', 'Precision', 'Allied', 'Coastal', 'Heartland', 'Northstar', 'Silver Creek', 'Valley', 'Metro',
  'Benchmark', 'Frontier', 'Cascade', 'Heritage', 'Patriot', 'Lone Star', 'Great Lakes', 'Bayside', 'Highland', 'Prairie',
  'Stonebridge', 'Eagle', 'Atlas', 'Titan', 'Meridian', 'Sterling', 'Canyon', 'Harbor', 'Timberline', 'Crossroads',
  'Ridgeline', 'Central', 'United', 'Premier', 'Legacy', 'Anchor', 'Bedrock', 'Clearwater', 'Foothills', 'Golden Gate',
  'Mesa', 'Oakridge', 'Pinnacle', 'Riverbend', 'Sunbelt', 'Westside', 'Eastern Shore', 'Twin Cities', 'Rocky Mountain', 'Piedmont',
];

export const VENDOR_TRADES = [
  'Concrete', 'Electric', 'Plumbing', 'Mechanical', 'Drywall', 'Roofing', 'Steel', 'Masonry', 'Excavation', 'Glass & Glazing',
  'Painting', 'Flooring', 'HVAC', 'Fire Protection', 'Landscaping', 'Paving', 'Framing', 'Insulation', 'Millwork', 'Doors & Hardware',
  'Elevator', 'Surveying', 'Demolition', 'Scaffolding', 'Equipment Rental', 'Lumber Supply', 'Ready Mix', 'Rebar', 'Tile', 'Waterproofing',
];

export const VENDOR_SUFFIXES = ['LLC', 'Inc', 'Co', 'Corp', 'Contractors', 'Services', 'Supply', 'Group'];

export const OWNER_NAMES = [
  'Harbor Point Development', 'Greenfield Health System', 'City of Maple Grove', 'Westbrook Properties', 'Lakeshore School District',
  'Northgate Partners', 'Riverside Hospitality', 'Cedar Hill Church', 'Summit County', 'Brightline Logistics', 'Oakmont Realty',
  'Pacific Crest REIT', 'Heritage Senior Living', 'Union Station Holdings', 'Bluewater Marina', 'Granite Peak Resorts', 'Midtown Ventures',
  'Stonegate Homes', 'Fairview Medical Group', 'Parkside Retail', 'Ironbridge Capital', 'Sunrise Academy', 'Willow Creek HOA', 'Capitol Transit',
];

export const PROJECT_PLACES = [
  'Riverside', 'Oak Street', 'Lakeview', 'Maple Grove', 'Harborfront', 'Northgate', 'Cedar Ridge', 'Westfield', 'Pine Hollow', 'Elm Park',
  'Union Square', 'Market Street', 'Bayview', 'Hillcrest', 'Stonebrook', 'Mill Creek', 'Sunset Ridge', 'Meadowbrook', 'Briarwood', 'Foxhall',
];

export const PROJECT_KINDS = [
  'Medical Office', 'Apartments', 'Elementary School', 'Parking Garage', 'Retail Center', 'Fire Station', 'Distribution Center', 'Library',
  'Senior Living', 'Office Tower', 'Community Center', 'Clinic Expansion', 'Hotel', 'Warehouse', 'Townhomes', 'Data Center', 'Church Addition',
  'Bridge Repair', 'Water Treatment Plant', 'Tenant Improvement',
];

/** CSI MasterFormat divisions and sections as QuickBooks item names (<= 31 chars). */
export const COST_CODES: { division: string; sections: string[] }[] = [
  { division: '01 General Requirements', sections: ['01-100 Project Management', '01-310 Supervision', '01-500 Temporary Facilities', '01-520 Temporary Power', '01-740 Final Cleaning', '01-570 Erosion Control'] },
  { division: '02 Existing Conditions', sections: ['02-200 Site Survey', '02-410 Demolition', '02-820 Asbestos Abatement'] },
  { division: '03 Concrete', sections: ['03-100 Concrete Forming', '03-200 Concrete Reinforcing', '03-300 Cast-in-Place Concrete', '03-350 Concrete Finishing', '03-400 Precast Concrete'] },
  { division: '04 Masonry', sections: ['04-200 Unit Masonry', '04-400 Stone Assemblies', '04-050 Masonry Mortaring'] },
  { division: '05 Metals', sections: ['05-120 Structural Steel', '05-210 Steel Joists', '05-310 Steel Decking', '05-500 Metal Fabrications', '05-520 Handrails and Railings'] },
  { division: '06 Wood and Plastics', sections: ['06-100 Rough Carpentry', '06-200 Finish Carpentry', '06-400 Architectural Woodwork'] },
  { division: '07 Thermal and Moisture', sections: ['07-100 Waterproofing', '07-210 Building Insulation', '07-500 Membrane Roofing', '07-620 Sheet Metal Flashing', '07-900 Joint Sealants'] },
  { division: '08 Openings', sections: ['08-110 Hollow Metal Doors', '08-210 Wood Doors', '08-410 Storefronts', '08-710 Door Hardware', '08-800 Glazing'] },
  { division: '09 Finishes', sections: ['09-210 Gypsum Board', '09-300 Tiling', '09-510 Acoustical Ceilings', '09-650 Resilient Flooring', '09-680 Carpeting', '09-900 Painting and Coating'] },
  { division: '10 Specialties', sections: ['10-140 Signage', '10-210 Toilet Compartments', '10-440 Fire Extinguishers'] },
  { division: '14 Conveying Equipment', sections: ['14-200 Elevators'] },
  { division: '21 Fire Suppression', sections: ['21-100 Fire Sprinkler Systems'] },
  { division: '22 Plumbing', sections: ['22-100 Plumbing Piping', '22-400 Plumbing Fixtures', '22-300 Water Heaters'] },
  { division: '23 HVAC', sections: ['23-300 HVAC Air Distribution', '23-700 Air Handling Units', '23-800 Rooftop Units', '23-090 Testing and Balancing'] },
  { division: '26 Electrical', sections: ['26-050 Electrical Rough-In', '26-240 Switchboards', '26-500 Lighting', '26-410 Electrical Trim'] },
  { division: '27 Communications', sections: ['27-100 Structured Cabling'] },
  { division: '28 Electronic Safety', sections: ['28-310 Fire Alarm', '28-130 Access Control'] },
  { division: '31 Earthwork', sections: ['31-100 Site Clearing', '31-200 Earth Moving', '31-230 Excavation and Fill', '31-500 Shoring'] },
  { division: '32 Exterior Improvements', sections: ['32-120 Asphalt Paving', '32-130 Concrete Paving', '32-900 Landscaping', '32-310 Fences and Gates'] },
  { division: '33 Utilities', sections: ['33-100 Water Utilities', '33-300 Sanitary Sewer', '33-400 Storm Drainage'] },
];

export const CLASS_NAMES = ['Commercial', 'Residential', 'Public Works', 'Healthcare', 'Education', 'Industrial', 'Service', 'Design-Build', 'Tenant Improvements', 'Multifamily'];
